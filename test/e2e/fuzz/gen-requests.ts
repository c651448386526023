import type { HttpCase, RawCase } from './fuzz-case.js'
import { FUZZ_NAMESPACE, KINDS, TARGETS } from './fuzz-objects.js'
import type { Prng } from './prng.js'

const NS = FUZZ_NAMESPACE
const PREFIXES = ['/api/v1', '/api/v1', '/apis/apps/v1', '/apis/batch/v1', '/apis/scheduling.k8s.io/v1', '/apis/bogus.example.com/v1', '/apis/apps/v999', '/api/v2', '/apis', '/api', '/apis/apps', '',
  '/watchplane/v1', '/watchplane/v1/history/core/v1/pods', '/watchplane/v1/changes', '/as-of/1', '/as-of/abc', '/as-of/%zz', '/as-of/99999999999999999999', '/openapi/v3', '/openapi/v3/api/v1', '/version', '/readyz', '/metrics', '/ui']
const RESOURCES = ['pods', 'configmaps', 'deployments', 'services', 'secrets', 'namespaces', 'events', 'widgets', 'PODS', 'pods.', 'po', 'pods%2Fstatus', 'priorityclasses', 'nodes', 'serviceaccounts', '']
const SUBRESOURCES = ['status', 'scale', 'log', 'exec', 'proxy', 'binding', 'eviction', 'finalize', 'attach', 'x/y/z', '%2e%2e', '']

/** Strange path segments: percent-escapes of every kind, unicode, overlong, encoded slashes and dots. */
export function strangeSegment(rng: Prng): string {
  return rng.pick([
    '%2e%2e', '%2E.', '.%2e', 'a%2Fb', 'a%2fb%2f..%2f..', 'a%25b', '%00', '%zz', '%', '%e2%82', '%ff%fe', '%c0%ae%c0%ae', 'caf%C3%A9', encodeURIComponent('ünïcødé-🦄'),
    encodeURIComponent('\u202eevil'), 'x'.repeat(rng.pick([254, 300, 5000, 12_000])), rng.string(rng.between(1, 20), 'abcxyz-._~!$&\'()*+,;=:@'), '%20', 'a%20b', '%0d%0aX-Injected:%201', '~', 'default',
  ])
}

const pathPart = (rng: Prng, choices: string[]) => (rng.chance(0.2) ? strangeSegment(rng) : rng.pick(choices))

/** Read paths anywhere, built from known and strange parts. Reads touch nothing, so any namespace is fair game. */
export function pathCase(rng: Prng): HttpCase {
  const namespace = rng.chance(0.6) ? `/namespaces/${pathPart(rng, [NS, 'default', 'kube-system', 'nope'])}` : ''
  const name = rng.chance(0.6) ? `/${pathPart(rng, [TARGETS.pod, 'kube-root-ca.crt', 'x', 'default'])}` : ''
  const sub = name && rng.chance(0.3) ? `/${pathPart(rng, SUBRESOURCES)}` : ''
  const path = `${rng.pick(PREFIXES)}${namespace}/${pathPart(rng, RESOURCES)}${name}${sub}`.replace(/^\/\//, '/x/')
  const method = rng.pick(['GET', 'GET', 'GET', 'HEAD', 'OPTIONS', 'FOO', 'PROPFIND', 'get'])
  return { kind: 'http', family: 'path', method, path: path + (rng.chance(0.2) ? `/${strangeSegment(rng)}` : '') }
}

// fetch resolves these before sending (`pods/%2e%2e` goes out as `namespaces/fuzz/`, the namespace itself).
const DOT_SEGMENT = /^(\.|%2e){1,2}$/i

/** Writes aimed at the fuzz namespace only, through strange paths: they may fail any way but must not land elsewhere. */
export function writePathCase(rng: Prng): HttpCase {
  const kind = rng.pick(KINDS)
  const method = rng.pick(['POST', 'PUT', 'DELETE', 'PATCH'])
  let segment = strangeSegment(rng)
  while (DOT_SEGMENT.test(segment)) segment = strangeSegment(rng)
  const path = `${rng.chance(0.5) ? kind.collection : kind.target}/${segment}`
  const body = rng.pick(['{}', '{"metadata":{"name":"x"}}', '', 'null', '[]'])
  return { kind: 'http', family: 'write-path', method, path, headers: { 'content-type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json' }, body }
}

// Dot segments and traversals go over a raw socket: fetch resolves `..` (and `%2e%2e`) before sending.
const ESCAPES = [
  `/api/v1/namespaces/${NS}/configmaps/../../default/configmaps/kube-root-ca.crt`,
  `/api/v1/namespaces/${NS}/configmaps/%2e%2e/%2e%2e/default/configmaps/kube-root-ca.crt`,
  `/api/v1/namespaces/${NS}/../default/configmaps/kube-root-ca.crt`,
  `/api/v1/namespaces/${NS}/configmaps/..%2f..%2fdefault%2fconfigmaps%2fkube-root-ca.crt`,
  `/api/v1/namespaces/${NS}/configmaps/../../../../apis/scheduling.k8s.io/v1/priorityclasses/system-node-critical`,
  `/api/v1/namespaces/${NS}/../../namespaces/default`,
  `/api/v1/namespaces/${NS}/serviceaccounts/./../../kube-system/serviceaccounts/default`,
  `/api/v1/namespaces/${NS}/configmaps/.`, `/api/v1/namespaces/${NS}/configmaps/..`, `/api/v1/namespaces/./configmaps`,
  `http://attacker.example/api/v1/namespaces/${NS}/../default/configmaps/kube-root-ca.crt`, 'http://[/', 'http://a:b@[::1/x', '//default/x', '*',
]

/** A literal request target with dot segments and absolute forms, with a write verb: it must land nowhere outside the fuzz namespace. */
export function escapeCase(rng: Prng): RawCase {
  const method = rng.pick(['DELETE', 'PUT', 'PATCH', 'POST', 'GET'])
  const target = rng.chance(0.7) ? rng.pick(ESCAPES) : `/api/v1/namespaces/${NS}/${rng.pick(['..', '.', '%2e%2e', 'x/..'])}/${rng.pick(['default', 'kube-system'])}/configmaps/kube-root-ca.crt`
  const body = method === 'DELETE' || method === 'GET' ? '' : '{"metadata":{"name":"kube-root-ca.crt","labels":{"pwned":"yes"}},"data":{}}'
  const contentType = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json'
  return {
    kind: 'raw', family: 'path-escape', expect: 'answer', untilResponses: 1, deadlineMs: 8000,
    parts: [`${method} ${target} HTTP/1.1\r\nHost: x\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`],
  }
}

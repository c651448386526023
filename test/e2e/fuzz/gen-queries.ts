import type { HttpCase } from './fuzz-case.js'
import { KINDS } from './fuzz-objects.js'
import { serialize } from './mutate-json.js'
import type { Prng } from './prng.js'

const PARAMETERS = ['labelSelector', 'fieldSelector', 'resourceVersion', 'resourceVersionMatch', 'limit', 'continue', 'timeoutSeconds', 'watch', 'allowWatchBookmarks',
  'sendInitialEvents', 'dryRun', 'fieldManager', 'fieldValidation', 'pretty', 'propagationPolicy', 'gracePeriodSeconds', 'orphanDependents', 'force', 'includeUninitialized', 'exact', 'export', 'bogus']

const BAD_NUMBERS = ['-1', '0', '1e309', 'NaN', 'Infinity', '0x10', ' 1', '1.5', '99999999999999999999', '9223372036854775808', '-9223372036854775809', '1_000', '٣', '', '+1', '1e3']
const SELECTORS = ['a in (b', '!!', '=', 'a==b==c', 'a=b,', ',', 'a!=', 'metadata.name=x', 'spec.nodeName!=', 'status.phase=Running', 'metadata.namespace==fuzz', 'bogus.field=x', 'a in ()', 'a notin (b,c)',
  '!a', 'a', 'a>1', 'a<', 'x'.repeat(70), 'a=' + 'b'.repeat(70), Array.from({ length: 500 }, (_, i) => `k${i}=v`).join(','), 'é=ü', 'a=b=c', '(a)', 'a in (b,c', 'a=%ff']
const ENCODED = ['%ff%fe', '%', '%zz', '%e2%28%a1', '%00', '%c3%28', '%ed%a0%80', '+', '%2B', '%26watch%3D1', 'a%3Db%26c']

function badValue(parameter: string, rng: Prng): string {
  switch (rng.int(6)) {
    case 0: return rng.pick(BAD_NUMBERS)
    case 1: return encodeURIComponent(rng.pick(SELECTORS))
    case 2: return rng.pick(ENCODED)
    case 3: return encodeURIComponent(rng.string(rng.between(0, 40)))
    case 4: return parameter === 'continue' ? Buffer.from(serialize({ v: 'meta.k8s.io/v1', rv: rng.pick([-1, 1e30, 'x', null, 5]), start: rng.pick(['', '/', 'a\u0000']) })).toString('base64url') : 'x'.repeat(rng.pick([1, 300, 9000]))
    default: return rng.pick(['true', 'false', '1', 'All', 'Strict', 'NotOlderThan', 'Exact', 'Orphan', 'Background', 'Foreground', 'yes', 'TRUE'])
  }
}

/** Reads (lists, gets, watches) and writes with bad values in every parameter, repeated parameters, and raw escapes. */
export function queryCase(rng: Prng): HttpCase {
  const kind = rng.pick(KINDS)
  const pairs: string[] = []
  for (let i = rng.between(1, 5); i > 0; i--) {
    const parameter = rng.pick(PARAMETERS)
    for (let repeat = rng.chance(0.15) ? rng.between(2, 4) : 1; repeat > 0; repeat--) pairs.push(`${parameter}=${badValue(parameter, rng)}`)
  }
  if (rng.chance(0.1)) pairs.push(rng.pick(['&', '&&', '=', '=x', 'a', '%zz=%zz', '?']))
  const query = pairs.join('&')
  switch (rng.int(6)) {
    case 0: return { kind: 'http', family: 'query', method: 'GET', path: `${kind.target}?${query}` }
    case 1: return { kind: 'http', family: 'query', method: 'GET', path: `/api/v1/pods?${query}` }
    case 2: return { kind: 'http', family: 'query', method: 'DELETE', path: `${kind.collection}?${query}` }
    case 3: return { kind: 'http', family: 'query', method: 'POST', path: `${kind.collection}?${query}`, headers: { 'content-type': 'application/json' }, body: serialize(kind.valid(`q-${rng.int(1e9)}`)) }
    case 4: return { kind: 'http', family: 'query', method: 'PATCH', path: `${kind.target}?${query}`, headers: { 'content-type': 'application/merge-patch+json' }, body: '{"metadata":{"labels":{"q":"1"}}}' }
    default: return { kind: 'http', family: 'query', method: 'GET', path: `${kind.collection}?${query}` }
  }
}

const CONTENT_TYPES = ['application/json; charset=utf-8', 'application/JSON', 'application/json;;;', 'application/json; charset=latin1', 'text/plain', 'multipart/form-data; boundary=x', '', ' ', 'application/yaml', 'application/x-yaml',
  'application/vnd.kubernetes.protobuf', 'application/vnd.kubernetes.protobuf;stream=watch', 'application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml', 'a/b/c', '*/*', 'application/*',
  'application/json, text/plain', 'x'.repeat(20_000), 'application/cbor', 'application/apply-patch+cbor', '\u00e9/\u00ff']
const ACCEPTS = ['application/json;as=Table;v=v1;g=meta.k8s.io', 'application/json;as=Table;v=v9;g=meta.k8s.io', 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io', 'application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io',
  'application/json;as=Bogus', '*/*;q=abc', 'text/html', 'application/vnd.kubernetes.protobuf', 'application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io', 'application/yaml', ',,,', ';', 'application/json;q=0', '', 'application/apply-patch+yaml',
  'application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch', 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList', 'x'.repeat(9000)]
const OTHER_HEADERS: Array<[string, () => string]> = [
  ['authorization', () => 'Bearer \u00ff'], ['impersonate-user', () => 'system:admin'], ['impersonate-group', () => 'system:masters'], ['x-remote-user', () => 'admin'], ['user-agent', () => 'kubectl/'.padEnd(3000, 'x')],
  ['content-encoding', () => 'gzip'], ['accept-encoding', () => 'br, gzip, ;q=x'], ['if-none-match', () => '"x"'], ['x-forwarded-for', () => '1.2.3.4, ::1, garbage'], ['origin', () => 'null'], ['cookie', () => 'a=b; '.repeat(200)],
]

/** Content-Type and Accept variants and garbage, impostor headers, headers past node's size limit. */
export function headerCase(rng: Prng): HttpCase {
  const kind = rng.pick(KINDS)
  const headers: Record<string, string> = {}
  if (rng.chance(0.7)) headers['content-type'] = rng.pick(CONTENT_TYPES)
  if (rng.chance(0.5)) headers.accept = rng.pick(ACCEPTS)
  for (let i = rng.int(3); i > 0; i--) {
    const [name, value] = rng.pick(OTHER_HEADERS)
    headers[name] = value()
  }
  if (rng.chance(0.05)) for (let i = 0; i < 400; i++) headers[`x-many-${i}`] = 'v'.repeat(60)
  const method = rng.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
  const path = method === 'POST' ? kind.collection : rng.pick([kind.target, kind.collection, `${kind.collection}?watch=1&timeoutSeconds=1`, '/api/v1', '/apis', '/openapi/v3'])
  const body = method === 'GET' ? undefined : serialize(method === 'POST' ? kind.valid(`h-${rng.int(1e9)}`) : { metadata: { labels: { h: '1' } } })
  return { kind: 'http', family: 'header', method, path, headers, ...(body === undefined ? {} : { body }) }
}

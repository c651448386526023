import type { FuzzCase } from './fuzz-case.js'
import { FUZZ_NAMESPACE, KINDS } from './fuzz-objects.js'
import { aliasBomb } from './gen-bodies.js'
import { oversized, type RawLimits } from './gen-raw.js'
import { prngFor } from './prng.js'

const NS = FUZZ_NAMESPACE
const CM = `/api/v1/namespaces/${NS}/configmaps`
const [pod, deployment] = [KINDS[0]!, KINDS[1]!]
const nest = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
const rawRequest = (line: string, body = '') => `${line} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
const answer = (family: string, line: string, expectCode: number, body?: string): FuzzCase =>
  ({ kind: 'raw', family, parts: [rawRequest(line, body)], expect: 'answer', expectCode, untilResponses: 1, deadlineMs: 8000 })

/**
 * Every defect the fuzzer found, kept as an explicit case with the answer kube-apiserver gives
 * (or, where kube's Go server answers no Status at all, the Status we give instead).
 */
export function regressionCases(limits: RawLimits): FuzzCase[] {
  return [
    // An absolute-form target WHATWG URL cannot parse threw out of the request listener: the process died.
    answer('regression', 'GET http://[/', 400),
    // A malformed escape in the as-of path was a 500 (URIError).
    { kind: 'http', family: 'regression', method: 'GET', path: '/as-of/%zz/api/v1/pods', expectCode: 400 },
    // Dot segments were resolved before routing: namespaces/a/../b acted on namespace b.
    answer('regression', `GET /api/v1/namespaces/nope/../default/configmaps`, 404),
    answer('regression', `DELETE ${CM}/../../default/configmaps/kube-root-ca.crt`, 404),
    answer('regression', `DELETE ${CM}/%2e%2e/%2e%2e/default/configmaps/kube-root-ca.crt`, 404),
    // A name that is no path segment is kube's 400 (store.go NamespaceKeyFunc), not a 404 or a read.
    answer('regression', `DELETE ${CM}/..`, 400),
    answer('regression', `GET ${CM}/a%25b`, 400),
    // Bodies nested thousands deep overflowed the stack in patches, validation and apply: 500.
    { kind: 'http', family: 'regression', method: 'POST', path: pod.collection, headers: { 'content-type': 'application/json' }, body: JSON.stringify(pod.valid('deep')).replace('"spec":{', `"spec":{"x":${nest(5000)},`), expectCode: 400 },
    { kind: 'http', family: 'regression', method: 'PATCH', path: pod.target, headers: { 'content-type': 'application/merge-patch+json' }, body: `{"spec":{"x":${nest(3000)}}}`, expectCode: 400 },
    { kind: 'http', family: 'regression', method: 'PATCH', path: pod.target, headers: { 'content-type': 'application/strategic-merge-patch+json' }, body: `{"spec":{"x":${nest(3000)}}}`, expectCode: 400 },
    { kind: 'http', family: 'regression', method: 'PATCH', path: pod.target, headers: { 'content-type': 'application/json-patch+json' }, body: `[{"op":"add","path":"/metadata/labels","value":${nest(3000)}}]`, expectCode: 400 },
    { kind: 'http', family: 'regression', method: 'PATCH', path: `${deployment.target}?fieldManager=f`, headers: { 'content-type': 'application/apply-patch+yaml' }, body: `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"target-deploy"},"x":${nest(3000)}}`, expectCode: 400 },
    // Hundreds of long unknown field names made Warning headers no client reads (undici: headers overflow).
    {
      kind: 'http', family: 'regression', method: 'POST', path: `${pod.collection}?fieldValidation=Warn`, headers: { 'content-type': 'application/json' }, expectCode: 201,
      body: JSON.stringify({ ...pod.valid('warned'), ...Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`unknown-${i}-${'x'.repeat(600)}`, 1])) }),
    },
    // A YAML !!binary body decoded to bytes, not an object: 500.
    { kind: 'http', family: 'regression', method: 'POST', path: deployment.collection, headers: { 'content-type': 'application/yaml' }, body: '!!binary ZZZ', expectCode: 400 },
    // A null list item reached the defaults (Service ports: [null]): 500; kube decodes it as an empty port.
    { kind: 'http', family: 'regression', method: 'POST', path: `/api/v1/namespaces/${NS}/services`, headers: { 'content-type': 'application/json' }, body: '{"metadata":{"name":"nullport"},"spec":{"ports":[null]}}', expectCode: 422 },
    // DeleteOptions `null` and of the wrong shape: 500.
    { kind: 'http', family: 'regression', method: 'DELETE', path: `${CM}/nope`, headers: { 'content-type': 'application/json' }, body: 'null', expectCode: 404 },
    { kind: 'http', family: 'regression', method: 'DELETE', path: `${CM}/nope`, headers: { 'content-type': 'application/json' }, body: '{"dryRun":7,"preconditions":null}', expectCode: 400 },
    // An HTTP/1.1 request without Host got node's 400 without a body.
    { kind: 'raw', family: 'regression', parts: ['GET /version HTTP/1.1\r\n\r\n'], expect: 'answer', expectCode: 400, untilResponses: 1, deadlineMs: 8000 },
    // YAML alias bombs are refused by the parser's alias budget, not expanded.
    { kind: 'http', family: 'regression', method: 'POST', path: CM, headers: { 'content-type': 'application/yaml' }, body: aliasBomb(10, 10), expectCode: 400 },
    // One unmasked WebSocket frame from a client was an unheard 'error' event: the process died.
    {
      kind: 'raw', family: 'regression', expect: 'close', deadlineMs: 8000,
      parts: [`GET ${CM}?watch=1 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nOrigin: http://x\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`, { pauseMs: 50 }, Uint8Array.from([0x81, 0x05, 0x68, 0x65, 0x6c, 0x6c, 0x6f])],
    },
    // Upgrades ws refuses were answered with its text/html 400, not a Status.
    { kind: 'raw', family: 'regression', parts: [`GET ${CM}?watch=1 HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n`], expect: 'answer', expectCode: 400, untilResponses: 1, deadlineMs: 8000 },
    // An empty subprotocol list (`Sec-WebSocket-Protocol: ,`) got ws' text 400, not a Status.
    { kind: 'raw', family: 'regression', parts: [`GET ${CM}?watch=1 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nOrigin: http://x\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ,\r\n\r\n`], expect: 'answer', expectCode: 400, untilResponses: 1, deadlineMs: 8000 },
    // node's parser errors were a bare 400 without a body.
    { kind: 'raw', family: 'regression', parts: ['SSH-2.0-OpenSSH_9.6\r\n'], expect: 'answer', expectCode: 400, untilResponses: 1, deadlineMs: 8000 },
    // A half request held its socket for node's 60 s header timeout: now the configured bound, with a 408.
    { kind: 'raw', family: 'regression', parts: [`GET ${CM} HTTP/1.1\r\nHost: x\r\n`], expect: 'close', expectCode: 408, deadlineMs: limits.requestReadTimeoutMs * 2 + 5000 },
    // A body far past the limit was read to its end, however long; now a bounded drain, and the 413 is still read.
    oversized(prngFor(0, 0), limits, { size: limits.maxBodyBytes + 3 * 1024 * 1024, isChunked: false }),
    oversized(prngFor(0, 0), limits, { size: limits.maxBodyBytes * 2, isChunked: true }),
  ]
}

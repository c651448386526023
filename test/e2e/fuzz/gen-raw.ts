import type { RawPart } from '../../support/raw-connection.js'
import type { RawCase } from './fuzz-case.js'
import { FUZZ_NAMESPACE } from './fuzz-objects.js'
import type { Prng } from './prng.js'

/** The fuzz server's settings the raw cases depend on. */
export interface RawLimits {
  maxBodyBytes: number
  requestReadTimeoutMs: number
}

const CM = `/api/v1/namespaces/${FUZZ_NAMESPACE}/configmaps`
const head = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`
const post = (extra: string[]) => [`POST ${CM} HTTP/1.1`, 'Host: x', 'Content-Type: application/json', ...extra]

const NOT_HTTP = [
  '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003', 'SSH-2.0-OpenSSH_9.6\r\n', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', '\r\n\r\n\r\n\r\n', '\u0000'.repeat(100),
  'GET', 'GET / HTTP/9.9\r\n\r\n', 'GET / HTTP/1.1 extra\r\n\r\n', 'get / HTTP/1.1\r\nHost: x\r\n\r\n', 'FOO / HTTP/1.1\r\nHost: x\r\n\r\n', 'GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET /\u00ff\u00fe HTTP/1.1\r\nHost: x\r\n\r\n', 'GET  / HTTP/1.1\r\n\r\n', 'GET / HTTP/1.1\r\nno colon here\r\n\r\n', 'GET / HTTP/1.1\r\nBad Header: x\r\n\r\n', 'GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n',
  'GET / HTTP/1.1\r\nA: b\u0000c\r\n\r\n', 'GET / HTTP/1.1\nHost: x\n\n', 'GET / HTTP/1.1\rHost: x\r\r', 'CONNECT x:443 HTTP/1.1\r\nHost: x\r\n\r\n', 'TRACE / HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET /version HTTP/1.0\r\n\r\n', `GET ${CM}?watch=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nabcde`,
]

/** Bytes that are not HTTP, or a broken request line or header: answered with a 400 Status (or closed). */
function notHttp(rng: Prng): RawCase {
  const parts: RawPart[] = rng.chance(0.3) ? [rng.bytes(rng.between(1, 4096))] : [rng.pick(NOT_HTTP)]
  return { kind: 'raw', family: 'raw-garbage', parts, expect: 'answer-or-close', untilResponses: 1, deadlineMs: 8000 }
}

/** Requests that stop half-way or drip: the server must close them by its own timeout. */
function unfinished(rng: Prng, limits: RawLimits): RawCase {
  const stalls: RawPart[][] = [
    [`GET ${CM} HTTP/1.1\r\nHost: x\r\n`],
    [`GET ${CM} HTTP/1.1\r\nHost: x\r\nX-A: b`],
    ['GET /api/v1/nam'],
    [head(post(['Content-Length: 100'])), '{"metadata":'],
    [head(post(['Transfer-Encoding: chunked'])), '10\r\nshort\r\n'],
    [head(post(['Transfer-Encoding: chunked'])), '5\r\nhello\r\n'],
    [head(post(['Transfer-Encoding: chunked'])), 'fffffff\r\n{"a":1}'],
    [head(post(['Content-Length: 50', 'Expect: 100-continue']))],
    [`GET ${CM} HTTP/1.1\r\n`, ...Array.from({ length: 12 }, (_, i): RawPart[] => [{ pauseMs: Math.ceil(limits.requestReadTimeoutMs / 4) }, `X-Drip-${i}: ${i}\r\n`]).flat()],
    [head(post(['Content-Length: 20'])), ...Array.from({ length: 20 }, (): RawPart[] => [{ pauseMs: Math.ceil(limits.requestReadTimeoutMs / 4) }, 'x']).flat()],
  ]
  return { kind: 'raw', family: 'raw-unfinished', parts: rng.pick(stalls), expect: 'close', deadlineMs: limits.requestReadTimeoutMs * 2 + 5000 }
}

/** Lengths and chunks that lie or overflow: 400, or closed. */
function lyingFraming(rng: Prng): RawCase {
  const body = '{"metadata":{"name":"lie"}}'
  const framings: string[] = [
    head(post(['Content-Length: abc'])) + body, head(post(['Content-Length: -1'])) + body, head(post(['Content-Length: 99999999999999999999'])) + body,
    head(post(['Content-Length: 5', 'Content-Length: 6'])) + body, head(post(['Content-Length: 5', 'Transfer-Encoding: chunked'])) + body,
    head(post(['Content-Length: 3'])) + body, head(post(['Transfer-Encoding: chunked'])) + `zz\r\n${body}\r\n0\r\n\r\n`,
    head(post(['Transfer-Encoding: chunked'])) + `ffffffffffffffffff\r\n${body}\r\n0\r\n\r\n`, head(post(['Transfer-Encoding: chunked'])) + `1b;${';'.repeat(20_000)}\r\n${body}\r\n0\r\n\r\n`,
    head(post(['Transfer-Encoding: gzip, chunked'])) + `1b\r\n${body}\r\n0\r\n\r\n`, head(post(['Transfer-Encoding: chunked, gzip'])) + body, head(post(['Transfer-Encoding: identity'])) + body,
    head(post(['Transfer-Encoding: chunked'])) + `1b\r\n${body}0\r\n\r\n`, head(post(['Transfer-Encoding: chunked'])) + `1b\r\n${body}\r\n0\r\nTrailer: x\r\n\r\n`,
    head(post(['Content-Length: 1 2'])) + body, head(post(['Content-Length: +27'])) + body, head(post([' Content-Length: 27'])) + body,
  ]
  return { kind: 'raw', family: 'raw-framing', parts: [rng.pick(framings)], expect: 'answer-or-close', untilResponses: 1, deadlineMs: 8000 }
}

/** A whole request, then junk on the same connection: the first is answered, the junk gets a 400. */
function pipelined(rng: Prng): RawCase {
  const first = rng.pick(['GET /version HTTP/1.1\r\nHost: x\r\n\r\n', `GET ${CM}/target-cm HTTP/1.1\r\nHost: x\r\n\r\n`, `GET /api/v1/namespaces/${FUZZ_NAMESPACE} HTTP/1.1\r\nHost: x\r\n\r\n`])
  const junk = rng.pick([rng.string(rng.between(1, 200)), 'GET / HTTP/1.1\r\nHost', '\u0000\u0001\u0002', first.repeat(rng.between(2, 20)) + 'garbage\r\n\r\n'])
  return { kind: 'raw', family: 'raw-pipelined', parts: [first + junk], expect: 'answer', deadlineMs: 8000 }
}

/** Headers past node's 16 KiB: 431 as a Status. */
function hugeHeaders(rng: Prng): RawCase {
  const lines = rng.chance(0.5) ? [`X-Big: ${'a'.repeat(rng.pick([20_000, 100_000]))}`] : Array.from({ length: rng.pick([500, 3000]) }, (_, i) => `X-H${i}: ${'v'.repeat(20)}`)
  return { kind: 'raw', family: 'raw-headers', parts: [head([`GET ${CM} HTTP/1.1`, 'Host: x', ...lines])], expect: 'answer', untilResponses: 1, deadlineMs: 8000 }
}

/** A body past maxBodyBytes, sent whole while the server answers: the 413 must be read, not lost to a reset. */
export function oversized(rng: Prng, limits: RawLimits, options: { size?: number; isChunked?: boolean } = {}): RawCase {
  const size = options.size ?? rng.pick([limits.maxBodyBytes + 1, limits.maxBodyBytes * 2, limits.maxBodyBytes + 3 * 1024 * 1024])
  const body = `{"metadata":{"name":"big"},"data":{"a":"${'x'.repeat(size)}"}}`
  const isChunked = options.isChunked ?? rng.chance(0.4)
  const chunks: string[] = []
  for (let at = 0; at < body.length; at += 65_536) chunks.push(body.slice(at, at + 65_536))
  const parts = isChunked
    ? [head(post(['Transfer-Encoding: chunked'])), ...chunks.map((c) => `${Buffer.byteLength(c).toString(16)}\r\n${c}\r\n`), '0\r\n\r\n']
    : [head(post([`Content-Length: ${Buffer.byteLength(body)}`])), ...chunks]
  return { kind: 'raw', family: 'raw-oversized', parts, expect: 'answer', expectCode: 413, untilResponses: 1, deadlineMs: 15_000 }
}

/** Raw-socket cases, weighted toward the cheap ones (the unfinished ones each hold a socket for a timeout). */
export function rawCase(rng: Prng, limits: RawLimits): RawCase {
  const roll = rng.int(100)
  if (roll < 30) return notHttp(rng)
  if (roll < 40) return unfinished(rng, limits)
  if (roll < 62) return lyingFraming(rng)
  if (roll < 80) return pipelined(rng)
  if (roll < 92) return hugeHeaders(rng)
  return oversized(rng, limits)
}

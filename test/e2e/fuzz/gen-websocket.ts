import type { RawCase } from './fuzz-case.js'
import { FUZZ_NAMESPACE } from './fuzz-objects.js'
import type { Prng } from './prng.js'

const WATCH = `/api/v1/namespaces/${FUZZ_NAMESPACE}/configmaps?watch=1`
const PATHS = [WATCH, `/api/v1/namespaces/${FUZZ_NAMESPACE}/configmaps`, `/api/v1/namespaces/${FUZZ_NAMESPACE}/configmaps/target-cm`, '/api/v1/widgets?watch=1', '/watchplane/v1/multiplex', '/version',
  `${WATCH}&resourceVersion=abc`, `${WATCH}&labelSelector=a+in+(b`, `${WATCH}&timeoutSeconds=-1`, '/nothing', `/api/v1/namespaces/${FUZZ_NAMESPACE}/configmaps/%2e%2e?watch=1`]

const VALID_KEY = 'dGhlIHNhbXBsZSBub25jZQ=='

type Headers = Record<string, string | undefined>

const MUTATIONS: Array<(h: Headers) => void> = [
  (h) => void (h.Upgrade = 'h2c'), (h) => void (h.Upgrade = 'WebSocket2'), (h) => void delete h.Upgrade, (h) => void delete h['Sec-WebSocket-Key'],
  (h) => void (h['Sec-WebSocket-Key'] = 'short'), (h) => void (h['Sec-WebSocket-Key'] = '!!!!!!!!!!!!!!!!!!!!!!=='), (h) => void (h['Sec-WebSocket-Version'] = '12'),
  (h) => void (h['Sec-WebSocket-Version'] = 'x'), (h) => void delete h['Sec-WebSocket-Version'], (h) => void delete h.Origin, (h) => void (h.Origin = 'not a url'),
  (h) => void (h['Sec-WebSocket-Protocol'] = 'a, b'), (h) => void (h['Sec-WebSocket-Protocol'] = 'base64url.bearer.authorization.k8s.io.eA'),
  (h) => void (h['Sec-WebSocket-Protocol'] = 'base64url.bearer.authorization.k8s.io.eA, base64url.bearer.authorization.k8s.io.eQ, v4.channel.k8s.io'),
  (h) => void (h['Sec-WebSocket-Protocol'] = 'a b'), (h) => void (h['Sec-WebSocket-Protocol'] = '(,)'), (h) => void (h['Sec-WebSocket-Protocol'] = ','),
  (h) => void (h['Sec-WebSocket-Extensions'] = 'permessage-deflate; client_max_window_bits=99'), (h) => void (h.Connection = 'keep-alive'),
]

function handshake(method: string, path: string, headers: Headers): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: x', ...Object.entries(headers).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`)]
  return `${lines.join('\r\n')}\r\n\r\n`
}

const baseHeaders = (): Headers => ({ Upgrade: 'websocket', Connection: 'Upgrade', Origin: 'http://x', 'Sec-WebSocket-Key': VALID_KEY, 'Sec-WebSocket-Version': '13' })

/** A frame the server must refuse by closing the socket: RFC 6455 §5 violations, and a message past the server's limit. */
const BAD_FRAMES: Uint8Array[] = [
  Uint8Array.from([0x81, 0x05, 0x68, 0x65, 0x6c, 0x6c, 0x6f]), // unmasked
  Uint8Array.from([0xb1, 0x80, 0, 0, 0, 0]), // reserved bits, masked, empty
  Uint8Array.from([0x83, 0x80, 0, 0, 0, 0]), // reserved opcode 3
  Uint8Array.from([0x09, 0x80, 0, 0, 0, 0]), // fragmented ping
  Uint8Array.from([0x89, 0xfe, 0x00, 0xc8, 0, 0, 0, 0, ...new Array(200).fill(0)]), // ping with 200 bytes
  Uint8Array.from([0x82, 0xff, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), // 64-bit length with the top bit set
  Uint8Array.from([0x81, 0xff, 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, ...new Array(1024).fill(0)]), // 256 MiB text message: past the limit
  Uint8Array.from([0x88, 0x82, 0, 0, 0, 0, 0x03, 0xe7]), // close with code 999
  Uint8Array.from([0x81, 0x82, 0, 0, 0, 0, 0xc3, 0x28]), // text that is not UTF-8
]

/** Upgrades with broken handshakes (a 4xx Status), and good handshakes followed by frames the server must close on. */
export function websocketCase(rng: Prng): RawCase {
  const headers = baseHeaders()
  if (rng.chance(0.25)) {
    return {
      kind: 'raw', family: 'websocket-frames', expect: 'close', deadlineMs: 8000,
      parts: [handshake('GET', rng.pick([WATCH, '/watchplane/v1/multiplex']), headers), { pauseMs: 50 }, rng.pick(BAD_FRAMES)],
    }
  }
  for (let i = rng.between(1, 2); i > 0; i--) rng.pick(MUTATIONS)(headers)
  // (no HEAD: its answer has no body, which the raw reader cannot tell)
  const method = rng.chance(0.85) ? 'GET' : rng.pick(['POST', 'PUT', 'DELETE'])
  return { kind: 'raw', family: 'websocket-handshake', parts: [handshake(method, rng.pick(PATHS), headers)], expect: 'answer', untilResponses: 1, deadlineMs: 8000 }
}

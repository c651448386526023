import { BEARER_PROTOCOL_PREFIX } from '../api/multiplex-protocol.js'
import type { IncomingMessage } from 'node:http'
import { badRequest, forbidden, methodNotAllowed } from '../api/errors.js'

export interface Handshake {
  /** the one subprotocol to echo, if any */
  protocol: string | undefined
}

/**
 * kube-apiserver's WebSocket rules (golang.org/x/net/websocket): an Origin header is required (any
 * parseable URL; its host is not compared, as in kube, so authentication is what protects the API);
 * at most one subprotocol remains once the bearer token's is taken out (authentication checked that
 * one: auth/authentication/websocket-protocol.ts).
 */
export function checkHandshake(req: IncomingMessage): Handshake {
  checkUpgradeHeaders(req)
  const origin = req.headers.origin
  if (!origin || !URL.canParse(origin)) throw forbidden('websocket: a parseable Origin header is required')
  const header = req.headers['sec-websocket-protocol']
  const offered = header === undefined ? [] : header.split(',').map((p) => p.trim())
  // ws refuses (with a bare 400 of its own) an empty element, an element that is no token, a repeat.
  if (offered.some((p) => !TOKEN.test(p)) || new Set(offered).size < offered.length) throw badRequest('websocket: invalid Sec-WebSocket-Protocol header')
  const others = offered.filter((p) => !p.startsWith(BEARER_PROTOCOL_PREFIX))
  if (others.length > 1) throw badRequest('websocket: more than one subprotocol offered')
  return { protocol: others[0] }
}

// RFC 6455 §4.2.1: a 16-byte base64 key; versions 13 (and ws' 8). RFC 9110 §5.6.2 tokens for subprotocols.
const KEY = /^[+/0-9A-Za-z]{22}==$/
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/**
 * What ws would refuse with a bare 400 or 405 of its own, refused first so that the client reads a
 * Status: a method other than GET, an Upgrade to anything but websocket (node hands every Upgrade request to the upgrade handler),
 * a missing or malformed key, an unknown version.
 */
function checkUpgradeHeaders(req: IncomingMessage): void {
  if (req.method !== 'GET') throw methodNotAllowed()
  if (req.headers.upgrade?.toLowerCase() !== 'websocket') throw badRequest('websocket: the Upgrade header must be websocket')
  if (!KEY.test(req.headers['sec-websocket-key'] ?? '')) throw badRequest('websocket: missing or invalid Sec-WebSocket-Key header')
  const version = req.headers['sec-websocket-version']
  if (version !== '13' && version !== '8') throw badRequest('websocket: missing or invalid Sec-WebSocket-Version header')
}

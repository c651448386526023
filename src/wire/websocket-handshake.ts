import { BEARER_PROTOCOL_PREFIX } from '../api/multiplex-protocol.js'
import type { IncomingMessage } from 'node:http'
import { badRequest, forbidden } from '../api/errors.js'

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
  const origin = req.headers.origin
  if (!origin || !URL.canParse(origin)) throw forbidden('websocket: a parseable Origin header is required')
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean)
  const others = offered.filter((p) => !p.startsWith(BEARER_PROTOCOL_PREFIX))
  if (others.length > 1) throw badRequest('websocket: more than one subprotocol offered')
  return { protocol: others[0] }
}

import { BEARER_PROTOCOL_PREFIX } from '../api/multiplex-protocol.js'
import type { IncomingMessage } from 'node:http'
import { badRequest, forbidden, unauthorized } from '../api/errors.js'


export interface Handshake {
  /** the one subprotocol to echo, if any */
  protocol: string | undefined
  /** the token a browser passed as a subprotocol (kube: authentication/request/websocket/protocol.go) */
  bearerToken: string | undefined
}

/**
 * kube-apiserver's WebSocket rules (golang.org/x/net/websocket + the bearer protocol): an Origin
 * header is required (any parseable URL; its host is not compared, as in kube, so authentication is
 * what protects the API); at most one subprotocol remains after the bearer token is taken out,
 * and a bearer token must come with another subprotocol.
 */
export function checkHandshake(req: IncomingMessage): Handshake {
  const origin = req.headers.origin
  if (!origin || !URL.canParse(origin)) throw forbidden('websocket: a parseable Origin header is required')
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean)
  const bearer = offered.filter((p) => p.startsWith(BEARER_PROTOCOL_PREFIX))
  const others = offered.filter((p) => !p.startsWith(BEARER_PROTOCOL_PREFIX))
  if (bearer.length > 1) throw unauthorized('multiple bearer token subprotocols')
  if (bearer.length === 1 && others.length === 0) throw unauthorized('missing additional subprotocol')
  if (others.length > 1) throw badRequest('websocket: more than one subprotocol offered')
  const encoded = bearer[0]?.slice(BEARER_PROTOCOL_PREFIX.length)
  return { protocol: others[0], bearerToken: encoded === undefined ? undefined : Buffer.from(encoded, 'base64url').toString('utf8') }
}

import { BEARER_PROTOCOL_PREFIX } from '../../api/multiplex-protocol.js'

/** A bearer token offered as a WebSocket subprotocol, or why the offer is refused. */
export type WebSocketBearer = { token: string } | { error: string } | undefined

/**
 * kube's WebSocket bearer token (k8s: staging/apiserver/pkg/authentication/request/websocket/
 * protocol.go), for browsers, which cannot set headers on a WebSocket: a subprotocol
 * `base64url.bearer.authorization.k8s.io.<token, base64url without padding>`. At most one, valid
 * base64url of UTF-8, and never alone: another subprotocol must remain to be echoed.
 */
export function websocketBearer(protocolHeader: string | undefined): WebSocketBearer {
  // every request asks: most carry no subprotocol at all, or none of this kind
  if (protocolHeader === undefined || !protocolHeader.includes(BEARER_PROTOCOL_PREFIX)) return undefined
  const offered = protocolHeader.split(',').map((p) => p.trim())
  const bearer = offered.filter((p) => p.startsWith(BEARER_PROTOCOL_PREFIX))
  if (bearer.length === 0) return undefined
  if (bearer.length > 1) return { error: 'multiple base64.bearer.authorization tokens specified' }
  const encoded = bearer[0]!.slice(BEARER_PROTOCOL_PREFIX.length)
  if (!/^[A-Za-z0-9_-]*$/.test(encoded) || encoded.length % 4 === 1) return { error: 'invalid base64.bearer.authorization token encoding' }
  let token: string
  try {
    token = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(encoded, 'base64url'))
  } catch {
    return { error: 'invalid base64.bearer.authorization token' }
  }
  if (token === '') return undefined
  if (offered.filter((p) => p !== '' && !p.startsWith(BEARER_PROTOCOL_PREFIX)).length === 0) return { error: 'missing additional subprotocol' }
  return { token }
}

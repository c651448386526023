// How the page authenticates (docs/decisions/0017-tls-and-authentication.md): a client
// certificate the browser presents on its own, or a bearer token pasted into the sign-in form,
// kept for this tab only (sessionStorage) and sent as `Authorization: Bearer` on every fetch and as
// kube's bearer subprotocol on the WebSocket (browsers cannot set headers on a WebSocket).

const TOKEN_KEY = 'watchplane.token'
const BEARER_PROTOCOL_PREFIX = 'base64url.bearer.authorization.k8s.io.'

/** A request the server refused for want of credentials (401). */
export class UnauthorizedError extends Error {}

export const bearerToken = () => sessionStorage.getItem(TOKEN_KEY) ?? undefined

export function rememberToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token)
  else sessionStorage.removeItem(TOKEN_KEY)
}

/** Headers for a fetch: the token, if there is one. */
export function authorizationHeaders() {
  const token = bearerToken()
  return token ? { authorization: `Bearer ${token}` } : {}
}

/** Subprotocols for a WebSocket: the token's, then the one to be echoed. */
export function socketProtocols(protocol) {
  const token = bearerToken()
  if (!token) return [protocol]
  const base64 = btoa(String.fromCharCode(...new TextEncoder().encode(token)))
  return [protocol, BEARER_PROTOCOL_PREFIX + base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')]
}

import { BEARER_PROTOCOL_PREFIX, MULTIPLEX_PATH } from '../api/multiplex-protocol.js'
/**
 * The part of a WebSocket the client uses: the WHATWG shape, which browsers and the `ws` package
 * both offer. The client never imports `ws` statically, so it bundles for browsers as it is.
 */
export interface WebSocketLike {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  /** `ws` only: drop the connection without waiting for the closing handshake */
  terminate?(): void
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: { data?: unknown }) => void): void
}

export interface WebSocketRequest {
  url: string
  protocols: string[]
  /** what Node clients send as the Origin header, which the server requires; browsers send their own */
  origin: string
  /** Node clients over wss:// (browsers use their own trust store and certificates) */
  tls?: ClientTlsOptions
}

/** What a Node client trusts and presents over wss://: the cluster CA, and a client certificate if it authenticates with one. */
export interface ClientTlsOptions {
  /** PEM of the CA that signed the server's certificate (a kubeconfig's certificate-authority-data) */
  ca?: string
  /** PEM client certificate and key (a kubeconfig's client-certificate-data and client-key-data) */
  cert?: string
  key?: string
}

export type WebSocketFactory = (request: WebSocketRequest) => WebSocketLike | Promise<WebSocketLike>

export const MULTIPLEX_PROTOCOL = 'watchplane.multiplex.v1'
// A variable specifier keeps bundlers from pulling `ws` into browser builds.
const WS_MODULE = 'ws'

/**
 * Node gets `ws`: Node's built-in WebSocket (22+) sends no Origin header, which the server
 * requires (kube-apiserver's golang.org/x/net/websocket rule). Anything else gets the global.
 */
export const defaultWebSocketFactory: WebSocketFactory = async ({ url, protocols, origin, tls }) => {
  const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string'
  if (!isNode && typeof globalThis.WebSocket === 'function') return new globalThis.WebSocket(url, protocols)
  const { WebSocket } = (await import(WS_MODULE)) as { WebSocket: new (url: string, protocols: string[], options: { origin: string } & ClientTlsOptions) => WebSocketLike }
  return new WebSocket(url, protocols, { origin, ...tls })
}

/** kube's browser-friendly bearer token: a subprotocol carrying the token, base64url without padding */
export function bearerTokenProtocol(token: string): string {
  const bytes = new TextEncoder().encode(token)
  const base64 = btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''))
  return BEARER_PROTOCOL_PREFIX + base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** ws:// or wss:// for the multiplex endpoint of a server given by its http(s) URL */
export function multiplexUrl(serverUrl: string): string {
  // relative to the server URL's path, so a server mounted under a prefix keeps it
  const base = serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`
  const url = new URL(MULTIPLEX_PATH.slice(1), base)
  url.protocol = url.protocol === 'https:' ? 'wss:' : url.protocol === 'http:' ? 'ws:' : url.protocol
  return url.toString()
}

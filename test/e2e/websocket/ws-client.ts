import { WebSocket } from 'ws'
import { tlsOptionsFor } from '../../support/server-credentials.js'

export interface SocketOptions {
  /** sent as the Origin header; omitted when undefined (kube then answers 403) */
  origin?: string
  protocols?: string[]
  headers?: Record<string, string>
  /** present no client certificate (over wss): the socket has only what the headers or a bearer subprotocol carry */
  withoutClientCertificate?: boolean
}

export interface ReceivedMessage {
  text: string
  isBinary: boolean
}

export interface OpenSocket {
  isOpen: true
  ws: WebSocket
  /** the subprotocol the server echoed ('' for none) */
  protocol: string
  /** every message so far, in arrival order */
  messages: ReceivedMessage[]
  /** settles with the close code once the socket is closed (by either side) */
  closed: Promise<number>
  isClosed(): boolean
}

export interface RefusedSocket {
  isOpen: false
  status: number
  body: string
}

export const BEARER_PROTOCOL_PREFIX = 'base64url.bearer.authorization.k8s.io.'
export const bearerProtocol = (token: string) => BEARER_PROTOCOL_PREFIX + Buffer.from(token).toString('base64url')

/**
 * Opens a WebSocket to `path` on a server started here (ws:// or, for https, wss:// as its admin);
 * a refused handshake resolves with its HTTP status.
 */
export function openSocket(baseUrl: string, path: string, options: SocketOptions = {}): Promise<OpenSocket | RefusedSocket> {
  const url = new URL(path, baseUrl.replace(/^http/, 'ws'))
  const { cert, key, ca } = tlsOptionsFor(url)
  const ws = new WebSocket(url, options.protocols ?? [], {
    ...(options.origin === undefined ? {} : { origin: options.origin }),
    ...(ca ? { ca } : {}),
    ...(cert && !options.withoutClientCertificate ? { cert, key } : {}),
    headers: options.headers ?? {},
    perMessageDeflate: false,
  })
  const messages: ReceivedMessage[] = []
  let isClosed = false
  ws.on('message', (data, isBinary) => messages.push({ text: data.toString(), isBinary }))
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => {
    isClosed = true
    resolve(code)
  }))
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ isOpen: true, ws, protocol: ws.protocol, messages, closed, isClosed: () => isClosed }))
    ws.once('unexpected-response', (_req, res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ isOpen: false, status: res.statusCode ?? 0, body }))
    })
    ws.on('error', reject) // before the handshake completes; later errors end in 'close'
  })
}

/** opens and insists the handshake succeeded */
export async function openAccepted(baseUrl: string, path: string, options: SocketOptions = {}): Promise<OpenSocket> {
  const socket = await openSocket(baseUrl, path, options)
  if (!socket.isOpen) throw new Error(`handshake refused: ${socket.status} ${socket.body}`)
  return socket
}

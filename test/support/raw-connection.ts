import { connect, type Socket } from 'node:net'
import { connect as connectTls } from 'node:tls'
import { tlsOptionsFor } from './server-credentials.js'

/**
 * A connection to the server at `baseUrl` (TCP, or TLS as its admin for https), for what no HTTP
 * client sends: bytes that are not HTTP, half requests, headers that lie. The one place a test
 * opens a socket by hand.
 */
export function connectRaw(baseUrl: string): Promise<Socket> {
  const url = new URL(baseUrl)
  const target = { host: url.hostname, port: Number(url.port) }
  return new Promise((resolve, reject) => {
    const socket: Socket = url.protocol === 'https:'
      ? connectTls({ ...target, ...tlsOptionsFor(url), servername: 'localhost' }, () => resolve(socket))
      : connect(target, () => resolve(socket))
    socket.once('error', reject)
  })
}

/** One HTTP response read off the wire. */
export interface RawResponse {
  status: number
  headers: Record<string, string>
  body: string
}

export interface RawExchange {
  /** the responses the server sent, in order (a partial one at the end is left out) */
  responses: RawResponse[]
  /** bytes that did not parse as a response */
  rest: string
  /** how the exchange ended: the server closed or reset the connection, enough answers came, or the deadline passed */
  ending: 'closed' | 'reset' | 'answered' | 'deadline'
  elapsedMs: number
}

/** What to send: bytes, and pauses between them (a slow client). */
export type RawPart = string | Uint8Array | { pauseMs: number }

export interface RawScript {
  parts: RawPart[]
  /** give up after this long */
  deadlineMs: number
  /** stop once this many whole responses have arrived (keep-alive answers leave the connection open) */
  untilResponses?: number
}

/** Splits what arrived into responses; only Content-Length bodies are framed (every Status carries one). */
export function parseResponses(data: Buffer): { responses: RawResponse[]; rest: string } {
  const responses: RawResponse[] = []
  let at = 0
  for (;;) {
    const headEnd = data.indexOf('\r\n\r\n', at)
    if (headEnd < 0) break
    const [statusLine = '', ...lines] = data.subarray(at, headEnd).toString('latin1').split('\r\n')
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)
    if (!match) break
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]))
    const length = Number(headers['content-length'] ?? 0)
    if (data.length < headEnd + 4 + length) break
    responses.push({ status: Number(match[1]), headers, body: data.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8') })
    at = headEnd + 4 + length
  }
  return { responses, rest: data.subarray(at).toString('latin1') }
}

/** Sends the script over a fresh connection and reads until the server closes it, enough answers came, or the deadline. */
export async function exchangeRaw(baseUrl: string, script: RawScript): Promise<RawExchange> {
  const startedMs = performance.now()
  const socket = await connectRaw(baseUrl)
  const chunks: Buffer[] = []
  let ending: RawExchange['ending'] | undefined
  const ended = new Promise<void>((resolve) => {
    const finish = (how: RawExchange['ending']) => {
      ending ??= how
      resolve()
    }
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      if (script.untilResponses !== undefined && parseResponses(Buffer.concat(chunks)).responses.length >= script.untilResponses) finish('answered')
    })
    socket.on('error', (error: NodeJS.ErrnoException) => finish(error.code === 'ECONNRESET' || error.code === 'EPIPE' ? 'reset' : 'closed'))
    socket.on('close', () => finish('closed'))
    setTimeout(() => finish('deadline'), script.deadlineMs).unref()
  })
  void sendParts(socket, script.parts, () => ending !== undefined)
  await ended
  socket.destroy()
  return { ...parseResponses(Buffer.concat(chunks)), ending: ending!, elapsedMs: performance.now() - startedMs }
}

async function sendParts(socket: Socket, parts: RawPart[], isOver: () => boolean): Promise<void> {
  for (const part of parts) {
    if (isOver() || socket.destroyed) return
    if (typeof part === 'object' && 'pauseMs' in part) await new Promise((resolve) => setTimeout(resolve, part.pauseMs))
    else socket.write(part)
  }
}

import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'
import { connect as connectTls } from 'node:tls'
import { monoMs } from './configmaps.js'

/** chunked: a watch URL over HTTP/1.1; ws: the same URL upgraded to a WebSocket; etcd: POST /v3/watch. */
export type WatchKind = 'chunked' | 'ws' | 'etcd'

export interface WatchTarget {
  /** http://127.0.0.1:port */
  url: string
  kind: WatchKind
  /** the watch URL's path and query; /v3/watch for etcd */
  path: string
  /** etcd only: the create_request JSON */
  body?: string
  /** https: the CA that signed the server's certificate, and a client certificate to present if any */
  tls?: TlsClient
  /** request headers beyond the watch's own (a bearer token) */
  headers?: Readonly<Record<string, string>>
}

export interface TlsClient {
  caPem: string
  certPem?: string
  keyPem?: string
}

export interface StreamOptions {
  /** collect a latency sample per event (parses each event; costs client CPU, so only some streams) */
  isSampled: boolean
  /** note the time the stream first carries an object with a resourceVersion at or above this */
  liveAtRevision?: number
}

// Our frames (chunked and WebSocket alike) are one JSON document and a newline each: JSON never
// holds a raw newline and chunk-size lines end in \r\n, so `}\n` counts events on the raw bytes.
// etcd's gateway batches events into one message: count its `{"kv":{` instead.
const EVENT_END = Buffer.from('}\n')
const ETCD_EVENT = Buffer.from('{"kv":{')
const PROBE = '"probe":"'
const RESOURCE_VERSION = Buffer.from('"resourceVersion":"')

function requestText(target: WatchTarget, host: string): string {
  if (target.kind === 'etcd') {
    const body = target.body ?? ''
    return `POST ${target.path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  }
  const upgrade = target.kind === 'ws'
    ? `Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nOrigin: ${target.tls ? 'https' : 'http'}://${host}\r\n`
    : 'Accept: application/json\r\n'
  const extra = Object.entries(target.headers ?? {}).map(([name, value]) => `${name}: ${value}\r\n`).join('')
  return `GET ${target.path} HTTP/1.1\r\nHost: ${host}\r\n${upgrade}${extra}\r\n`
}

function countOf(chunk: Buffer, marker: Buffer): number {
  let count = 0
  for (let at = chunk.indexOf(marker); at !== -1; at = chunk.indexOf(marker, at + marker.length)) count += 1
  return count
}

/**
 * One watch on a bare socket: no HTTP or WebSocket client library, only a scan of the bytes for
 * event ends, so the client costs as little CPU per event as it can and the server is what is measured.
 */
export class WatchStream {
  events = 0
  bytes = 0
  readonly openedAtMs = monoMs()
  headersAtMs: number | undefined
  liveAtMs: number | undefined
  error: string | undefined
  /** flat triples: seq, sentMs, receivedMs; filled while isRecording */
  samples: number[] = []
  isRecording = false
  readonly #socket: Socket
  readonly #marker: Buffer
  #tail = Buffer.alloc(0)
  #pendingText = ''
  #onHeaders: () => void = () => {}
  readonly #headers = new Promise<void>((resolve) => (this.#onHeaders = resolve))

  constructor(target: WatchTarget, private readonly options: StreamOptions) {
    const { hostname, port } = new URL(target.url)
    this.#marker = target.kind === 'etcd' ? ETCD_EVENT : EVENT_END
    const { tls } = target
    this.#socket = tls
      ? connectTls({ host: hostname, port: Number(port), ca: tls.caPem, ...(tls.certPem ? { cert: tls.certPem, key: tls.keyPem } : {}) })
      : connect({ host: hostname, port: Number(port) })
    this.#socket.once(tls ? 'secureConnect' : 'connect', () => this.#socket.write(requestText(target, `${hostname}:${port}`)))
    this.#socket.on('data', (chunk: Buffer) => this.#onData(chunk, target.kind))
    this.#socket.on('error', (error) => (this.error ??= error.message))
    this.#socket.on('close', () => {
      this.error ??= 'closed by the server'
      this.#onHeaders()
    })
  }

  /** resolves once the response head arrived, or the stream failed */
  whenHeaders(): Promise<void> {
    return this.#headers
  }

  close(): void {
    this.error ??= 'closed'
    this.#socket.destroy()
  }

  #onData(chunk: Buffer, kind: WatchKind): void {
    const receivedMs = monoMs()
    if (this.headersAtMs === undefined && !this.#acceptHead(chunk, receivedMs)) return
    this.bytes += chunk.length
    this.events += this.#countEvents(chunk)
    if (this.options.liveAtRevision !== undefined && this.liveAtMs === undefined) this.#checkLive(chunk, receivedMs)
    if (this.options.isSampled && this.isRecording) this.#sample(chunk, kind, receivedMs)
  }

  #acceptHead(chunk: Buffer, receivedMs: number): boolean {
    const status = chunk.subarray(0, 12).toString('latin1')
    if (status !== 'HTTP/1.1 200' && status !== 'HTTP/1.1 101') {
      this.error ??= `unexpected response: ${chunk.subarray(0, 300).toString('latin1')}`
      this.#socket.destroy()
      return false
    }
    this.headersAtMs = receivedMs
    this.#onHeaders()
    return true
  }

  /** counts markers in the chunk, and one split across the previous chunk and this one */
  #countEvents(chunk: Buffer): number {
    const keep = this.#marker.length - 1
    let count = countOf(chunk, this.#marker)
    if (this.#tail.length > 0) count += countOf(Buffer.concat([this.#tail, chunk.subarray(0, keep)]), this.#marker)
    this.#tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - keep)))
    return count
  }

  /** the last resourceVersion in the chunk; a number cut short by the chunk's end only reads lower */
  #checkLive(chunk: Buffer, receivedMs: number): void {
    const at = chunk.lastIndexOf(RESOURCE_VERSION)
    if (at === -1) return
    const start = at + RESOURCE_VERSION.length
    const end = chunk.indexOf(0x22, start)
    const revision = Number(chunk.subarray(start, end === -1 ? chunk.length : end).toString('latin1'))
    if (revision >= this.options.liveAtRevision!) this.liveAtMs = receivedMs
  }

  #sample(chunk: Buffer, kind: WatchKind, receivedMs: number): void {
    const pieces = (this.#pendingText + chunk.toString('latin1')).split(kind === 'etcd' ? '\n' : '}\n')
    this.#pendingText = pieces.pop() ?? ''
    for (const piece of pieces) {
      for (const probe of kind === 'etcd' ? etcdProbes(piece) : [probeIn(piece)]) {
        if (!probe) continue
        const [seq, sentMs] = probe.split(' ').map(Number)
        this.samples.push(seq!, sentMs!, receivedMs)
      }
    }
  }
}

function probeIn(text: string): string | undefined {
  const at = text.lastIndexOf(PROBE)
  if (at === -1) return undefined
  const start = at + PROBE.length
  return text.slice(start, text.indexOf('"', start))
}

/** etcd values are base64: decode each one in the message to find its probe */
function etcdProbes(line: string): Array<string | undefined> {
  return [...line.matchAll(/"value":"([A-Za-z0-9+/=]*)"/g)].map((m) => probeIn(Buffer.from(m[1]!, 'base64').toString('utf8')))
}

import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { tlsOptionsFor } from '../../support/server-credentials.js'

/** One line of a watch stream, parsed. */
export interface WatchEvent {
  type: string
  object: any
}

export interface ChunkedWatchOptions {
  accept?: string
  /** authenticate with this bearer token instead of the admin's client certificate */
  token?: string
  /** more request headers (impersonation) */
  headers?: Record<string, string>
  /** called for every event; when given, events are not kept (a 20k-event stream need not sit in memory) */
  onEvent?: (event: WatchEvent) => void
}

/** A chunked watch read line by line over node:http, so a test can stop reading it. */
export interface ChunkedWatch {
  status: number
  headers: IncomingHttpHeaders
  /** every event so far, unless `onEvent` was given */
  events: WatchEvent[]
  /** the raw body so far, for non-200 answers */
  text(): string
  /** settles when the server ends the stream (or the client closes it) */
  ended: Promise<void>
  isEnded(): boolean
  /** stop consuming the socket: TCP backpressure reaches the server */
  pause(): void
  resume(): void
  close(): void
}

/**
 * Opens `path` on a server started here, as its admin, on a connection of its own, and resolves
 * once the response headers arrive (the server flushes them at once).
 */
export function openChunkedWatch(baseUrl: string, path: string, options: ChunkedWatchOptions = {}): Promise<ChunkedWatch> {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers, ...(options.accept ? { accept: options.accept } : {}), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) }
    const url = new URL(path, baseUrl)
    const tls = tlsOptionsFor(url)
    const req = url.protocol === 'https:'
      ? httpsRequest(url, { headers, agent: false, ...(options.token ? { ca: tls.ca } : tls) })
      : httpRequest(url, { headers, agent: false })
    req.once('error', reject)
    req.once('response', (res) => resolve(readStream(res, options, () => req.destroy())))
    req.end()
  })
}

function readStream(res: IncomingMessage, options: ChunkedWatchOptions, destroy: () => void): ChunkedWatch {
  const events: WatchEvent[] = []
  let pending = ''
  let raw = ''
  let isEnded = false
  res.setEncoding('utf8')
  res.on('data', (chunk: string) => {
    if (res.statusCode !== 200) return void (raw += chunk)
    pending += chunk
    let newline: number
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline)
      pending = pending.slice(newline + 1)
      if (line.trim() === '') continue
      const event = JSON.parse(line) as WatchEvent
      if (options.onEvent) options.onEvent(event)
      else events.push(event)
    }
  })
  const ended = new Promise<void>((resolve) => {
    const finish = () => {
      isEnded = true
      resolve()
    }
    res.once('end', finish)
    res.once('close', finish)
    res.once('error', finish)
  })
  return {
    status: res.statusCode ?? 0,
    headers: res.headers,
    events,
    text: () => raw,
    ended,
    isEnded: () => isEnded,
    pause: () => void res.pause(),
    resume: () => void res.resume(),
    close: destroy,
  }
}

/** `TYPE name@resourceVersion` per event: compact enough to compare whole streams with deepEqual. */
export const describeEvents = (events: WatchEvent[]) =>
  events.map((e) => `${e.type} ${e.object?.metadata?.name ?? ''}@${e.object?.metadata?.resourceVersion ?? ''}`)

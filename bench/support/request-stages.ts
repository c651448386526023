import { subscribe } from 'node:diagnostics_channel'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

// Inside the server under test (serve-watchplane-commands.ts): where its writes spend their time,
// from node's own diagnostics channels, without touching the server's code. A new connection's
// first request waits from the accept to its parsed head (the event loop reading it); every write
// then waits from its head to its response's end (door, handler, group commit, response).

export interface RequestStages {
  writes: number
  /** new connections whose first request was a write, and the longest wait from accept to head */
  newConnections: number
  acceptToHeadMaxMs: number
  /** head parsed to response finished: p99 and max */
  headToFinishP99Ms: number
  headToFinishMaxMs: number
  /** watches: from the connection's accept to the response head flushed, as the server did it (the client may read it later) */
  watchHeads: number
  watchHeadMaxMs: number
}

const acceptedAtMs = new WeakMap<Socket, number>()
const headAtMs = new WeakMap<ServerResponse, number>()
interface Window {
  acceptToHeadMs: number[]
  headToFinishMs: number[]
  watchHeadMs: number[]
}
let window: Window | undefined
const WATCH_QUERY = /[?&]watch=(1|true)(&|$)/

/**
 * records when a watch's response head leaves for the socket: at flushHeaders, or, when the
 * socket is corked then (the watch sink holds it until the turn's flush), when it is uncorked
 */
function timeWatchHead(response: ServerResponse, sinceMs: number): void {
  const flushHeaders = response.flushHeaders.bind(response)
  const record = () => window?.watchHeadMs.push(performance.now() - sinceMs)
  response.flushHeaders = () => {
    flushHeaders()
    const socket = response.socket
    if (!socket || socket.writableCorked === 0) return record()
    const uncork = socket.uncork.bind(socket)
    socket.uncork = () => {
      uncork()
      if (socket.writableCorked > 0) return
      socket.uncork = uncork
      record()
    }
  }
}

subscribe('net.server.socket', (message) => acceptedAtMs.set((message as { socket: Socket }).socket, performance.now()))
subscribe('http.server.request.start', (message) => {
  const { request, response, socket } = message as { request: IncomingMessage; response: ServerResponse; socket: Socket }
  const nowMs = performance.now()
  // Only a connection's first request counts from its accept, in the window or not.
  const acceptedMs = acceptedAtMs.get(socket)
  acceptedAtMs.delete(socket)
  if (window && request.method === 'GET' && WATCH_QUERY.test(request.url ?? '')) timeWatchHead(response, acceptedMs ?? nowMs)
  if (!window || request.method !== 'POST') return
  headAtMs.set(response, nowMs)
  if (acceptedMs !== undefined) window.acceptToHeadMs.push(nowMs - acceptedMs)
})
subscribe('http.server.response.finish', (message) => {
  const { response } = message as { response: ServerResponse }
  const startedMs = headAtMs.get(response)
  if (startedMs !== undefined && window) window.headToFinishMs.push(performance.now() - startedMs)
})

export function startRequestStages(): Record<string, never> {
  window = { acceptToHeadMs: [], headToFinishMs: [], watchHeadMs: [] }
  return {}
}

export function stopRequestStages(): RequestStages {
  const w = window ?? { acceptToHeadMs: [], headToFinishMs: [], watchHeadMs: [] }
  window = undefined
  const sorted = [...w.headToFinishMs].sort((a, b) => a - b)
  return {
    writes: sorted.length, newConnections: w.acceptToHeadMs.length, acceptToHeadMaxMs: Math.max(0, ...w.acceptToHeadMs),
    headToFinishP99Ms: sorted[Math.floor(0.99 * (sorted.length - 1))] ?? NaN, headToFinishMaxMs: sorted.at(-1) ?? NaN,
    watchHeads: w.watchHeadMs.length, watchHeadMaxMs: Math.max(0, ...w.watchHeadMs),
  }
}

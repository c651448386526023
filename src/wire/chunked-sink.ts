import type { ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { corkUntilFlush } from './cork-until-flush.js'
import { writeChunk } from './shared-chunk-frames.js'
import { backlogAtFlushStart, isKeepingUp } from './flush-backlog.js'
import type { WatchSink } from './watch-sink.js'

/**
 * A watch over chunked HTTP: headers flushed at once (client-node hangs otherwise), one
 * newline-terminated JSON event per chunk.
 *
 * Events bypass the response's own chunk framing (four socket writes per event, two of them
 * strings): each event's chunk is built once and shared (shared-chunk-frames.ts) and written
 * straight to the connection, the chunks of a turn in one syscall sent in the turn's flush
 * (cork-until-flush.ts), with the socket's own backpressure judged a flush at a time (flush-backlog.ts).
 * The bytes are those `response.write` sends, and `response.end` still ends the body. This is
 * safe once the response owns its connection (node assigns it the socket when no earlier
 * response on that connection is pending) and its headers are out; a pipelined watch whose
 * response is still waiting its turn (and a HEAD request) writes through the response instead.
 */
export class ChunkedSink implements WatchSink {
  // Clients split the stream on newlines, whatever the chunks (client-go's json framer, client-node's line splitter).
  readonly canJoinFrames = true
  readonly #socket: Socket | null
  #backlogBytes = 0

  constructor(private readonly response: ServerResponse) {
    response.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    })
    // A HEAD request's response has no body: node's write() drops it, so HEAD goes through the response.
    this.#socket = response.req.method === 'HEAD' ? null : response.socket
    // The head leaves in the turn's flush with the first frames, in the flush's order, not at once:
    // a storm of watches starting together costs one bounded slice per turn, not a socket write each.
    if (this.#socket) corkUntilFlush(this.#socket)
    response.flushHeaders()
    // Small event frames go out at once rather than waiting for Nagle; keepalive probes notice a
    // vanished client on a quiet watch (we never send unrequested events to find out).
    this.#socket?.setNoDelay(true)
    this.#socket?.setKeepAlive(true, 30_000)
  }

  write(frame: Buffer): boolean {
    const socket = this.#socket
    if (!socket) {
      corkUntilFlush(this.response)
      return this.response.write(frame)
    }
    if (this.response.writableEnded || socket.destroyed) return true
    this.#backlogBytes = backlogAtFlushStart(socket, this.#backlogBytes)
    writeChunk(socket, frame)
    return isKeepingUp(socket, this.#backlogBytes)
  }

  onDrain(listener: () => void): void {
    if (this.#socket) this.#socket.once('drain', listener)
    else this.response.once('drain', listener)
  }

  // A response closes once: `on` spares the wrapper `once` leaves on every open watch.
  onClose(listener: () => void): void {
    this.response.on('close', listener)
  }

  end(): void {
    if (!this.response.writableEnded) this.response.end()
  }
}

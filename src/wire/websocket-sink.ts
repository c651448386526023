import type { Duplex } from 'node:stream'
import type { WebSocket } from 'ws'
import { textFrameOf } from './shared-text-frames.js'
import { backlogAtFlushStart, isKeepingUp } from './flush-backlog.js'
import type { WatchSink } from './watch-sink.js'

/**
 * A watch over WebSocket: one text message per event, the same newline-terminated JSON bytes as
 * the chunked stream (kube-apiserver's watch.go sends each event as one text frame).
 *
 * Events bypass ws's per-message framing: each event's frame is built once and shared
 * (shared-text-frames.ts), written straight to the upgraded socket, the frames of a turn in one
 * syscall sent in the turn's flush (cork-until-flush.ts), with the socket's own backpressure (its
 * `drain` event, no polling), judged a flush at a time (flush-backlog.ts). This is safe because the server negotiates no extension (perMessageDeflate
 * off), so ws writes its own control frames (pong, close) to the same socket synchronously, in
 * order with ours.
 */
export class WebSocketSink implements WatchSink {
  #backlogBytes = 0

  constructor(
    private readonly websocket: WebSocket,
    private readonly socket: Duplex,
  ) {}

  write(payload: Buffer): boolean {
    if (this.websocket.readyState !== this.websocket.OPEN) return true
    this.#backlogBytes = backlogAtFlushStart(this.socket, this.#backlogBytes)
    this.socket.write(textFrameOf(payload))
    return isKeepingUp(this.socket, this.#backlogBytes)
  }

  onDrain(listener: () => void): void {
    this.socket.once('drain', listener)
  }

  onClose(listener: () => void): void {
    this.websocket.once('close', listener)
  }

  end(): void {
    if (this.websocket.readyState === this.websocket.OPEN) this.websocket.close(1000)
  }
}

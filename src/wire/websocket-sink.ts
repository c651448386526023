import type { WebSocket } from 'ws'
import type { WatchSink } from './watch-sink.js'

// Past this many unsent bytes the watcher stops writing and starts queueing (then catches up).
const HIGH_WATER_BYTES = 1024 * 1024

/**
 * A watch over WebSocket: one text message per event, the same newline-terminated JSON bytes as
 * the chunked stream (kube-apiserver's watch.go sends each event as one text frame).
 */
export class WebSocketSink implements WatchSink {
  readonly #drainListeners: (() => void)[] = []

  constructor(private readonly socket: WebSocket) {}

  write(frame: Buffer): boolean {
    if (this.socket.readyState !== this.socket.OPEN) return true
    this.socket.send(frame, { binary: false }, () => this.#checkDrained())
    return this.socket.bufferedAmount < HIGH_WATER_BYTES
  }

  onDrain(listener: () => void): void {
    this.#drainListeners.push(listener)
  }

  onClose(listener: () => void): void {
    this.socket.once('close', listener)
  }

  end(): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(1000)
  }

  #checkDrained(): void {
    if (this.socket.bufferedAmount >= HIGH_WATER_BYTES || this.#drainListeners.length === 0) return
    for (const listener of this.#drainListeners.splice(0)) listener()
  }
}

import type { WebSocket } from 'ws'

// Past this many unsent bytes a watcher stops writing and starts queueing (then catches up).
const HIGH_WATER_BYTES = 1024 * 1024

/** A WebSocket with backpressure: send() says when to stop, onDrain() when to go on. */
export class BufferedSocket {
  readonly #drainListeners: (() => void)[] = []

  constructor(readonly socket: WebSocket) {}

  /** sends one text message; false once the unsent bytes pass the high-water mark */
  send(message: Buffer | string): boolean {
    if (this.socket.readyState !== this.socket.OPEN) return true
    this.socket.send(message, { binary: false }, () => this.#checkDrained())
    return this.socket.bufferedAmount < HIGH_WATER_BYTES
  }

  onDrain(listener: () => void): void {
    this.#drainListeners.push(listener)
  }

  #checkDrained(): void {
    if (this.socket.bufferedAmount >= HIGH_WATER_BYTES || this.#drainListeners.length === 0) return
    for (const listener of this.#drainListeners.splice(0)) listener()
  }
}

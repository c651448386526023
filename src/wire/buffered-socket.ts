import type { WebSocket } from 'ws'

// Past this many unsent bytes a watcher stops writing and starts queueing (then catches up).
const HIGH_WATER_BYTES = 1024 * 1024
const DRAIN_POLL_MS = 5

/**
 * A WebSocket with backpressure: send() says when to stop, onDrain() when to go on. ws has no
 * drain event, and a completion callback per message costs more than the send at high fan-out,
 * so a waiting writer polls bufferedAmount instead.
 */
export class BufferedSocket {
  readonly #drainListeners: (() => void)[] = []
  #pollTimer: NodeJS.Timeout | undefined

  constructor(readonly socket: WebSocket) {
    socket.once('close', () => this.#stopPolling())
  }

  /** sends one text message; false once the unsent bytes pass the high-water mark */
  send(message: Buffer | string): boolean {
    if (this.socket.readyState !== this.socket.OPEN) return true
    this.socket.send(message, { binary: false })
    return this.socket.bufferedAmount < HIGH_WATER_BYTES
  }

  onDrain(listener: () => void): void {
    this.#drainListeners.push(listener)
    this.#pollTimer ??= setInterval(() => this.#checkDrained(), DRAIN_POLL_MS)
  }

  #checkDrained(): void {
    if (this.socket.bufferedAmount >= HIGH_WATER_BYTES) return
    this.#stopPolling()
    for (const listener of this.#drainListeners.splice(0)) listener()
  }

  #stopPolling(): void {
    clearInterval(this.#pollTimer)
    this.#pollTimer = undefined
  }
}

import type { WebSocket } from 'ws'
import type { WatchSink } from './watch-sink.js'

const HIGH_WATER_BYTES = 1024 * 1024

/**
 * One WebSocket carrying many watches. Each subscription gets a WatchSink that tags the shared,
 * already-encoded event frame with its id (`{"id":"x",` + the frame after its `{`): the event is
 * serialized once, whichever subscriptions receive it.
 */
export class MultiplexedSocket {
  readonly #drainListeners: (() => void)[] = []
  readonly #closeListeners = new Set<() => void>()

  constructor(readonly socket: WebSocket) {
    socket.once('close', () => {
      for (const listener of this.#closeListeners) listener()
      this.#closeListeners.clear()
    })
  }

  get isSaturated(): boolean {
    return this.socket.bufferedAmount >= HIGH_WATER_BYTES
  }

  send(message: Buffer | string): boolean {
    if (this.socket.readyState !== this.socket.OPEN) return true
    this.socket.send(message, { binary: false }, () => this.#checkDrained())
    return !this.isSaturated
  }

  sinkFor(id: string, onEnd: () => void): WatchSink {
    const prefix = Buffer.from(`{"id":${JSON.stringify(id)},`)
    const closeListeners: (() => void)[] = []
    const notifyClose = () => closeListeners.forEach((listener) => listener())
    this.#closeListeners.add(notifyClose)
    let isEnded = false
    return {
      write: (frame) => this.send(Buffer.concat([prefix, frame.subarray(1)])),
      onDrain: (listener) => void this.#drainListeners.push(listener),
      onClose: (listener) => void closeListeners.push(listener),
      end: () => {
        if (isEnded) return
        isEnded = true
        this.#closeListeners.delete(notifyClose)
        this.send(`{"id":${JSON.stringify(id)},"type":"CLOSED"}`)
        onEnd()
      },
    }
  }

  #checkDrained(): void {
    if (this.isSaturated || this.#drainListeners.length === 0) return
    for (const listener of this.#drainListeners.splice(0)) listener()
  }
}

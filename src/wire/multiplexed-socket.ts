import type { WebSocket } from 'ws'
import { BufferedSocket } from './buffered-socket.js'
import type { WatchSink } from './watch-sink.js'

/**
 * One WebSocket carrying many watches. Each subscription gets a WatchSink that tags the shared,
 * already-encoded event frame with its id (`{"id":"x",` + the frame after its `{`): the event is
 * serialized once, whichever subscriptions receive it.
 */
export class MultiplexedSocket {
  readonly #buffered: BufferedSocket
  readonly #closeListeners = new Set<() => void>()

  constructor(readonly socket: WebSocket) {
    this.#buffered = new BufferedSocket(socket)
    socket.once('close', () => {
      for (const listener of this.#closeListeners) listener()
      this.#closeListeners.clear()
    })
  }

  send(message: Buffer | string): boolean {
    return this.#buffered.send(message)
  }

  sinkFor(id: string, onEnd: () => void): WatchSink {
    const prefix = Buffer.from(`{"id":${JSON.stringify(id)},`)
    const closeListeners: (() => void)[] = []
    const notifyClose = () => closeListeners.forEach((listener) => listener())
    this.#closeListeners.add(notifyClose)
    let isEnded = false
    return {
      write: (frame) => this.send(Buffer.concat([prefix, frame.subarray(1)])),
      onDrain: (listener) => this.#buffered.onDrain(listener),
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
}

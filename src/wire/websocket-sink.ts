import type { WebSocket } from 'ws'
import { BufferedSocket } from './buffered-socket.js'
import type { WatchSink } from './watch-sink.js'

/**
 * A watch over WebSocket: one text message per event, the same newline-terminated JSON bytes as
 * the chunked stream (kube-apiserver's watch.go sends each event as one text frame).
 */
export class WebSocketSink implements WatchSink {
  readonly #buffered: BufferedSocket

  constructor(private readonly socket: WebSocket) {
    this.#buffered = new BufferedSocket(socket)
  }

  write(frame: Buffer): boolean {
    return this.#buffered.send(frame)
  }

  onDrain(listener: () => void): void {
    this.#buffered.onDrain(listener)
  }

  onClose(listener: () => void): void {
    this.socket.once('close', listener)
  }

  end(): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(1000)
  }
}

import type { ServerResponse } from 'node:http'
import { corkUntilNextTick } from './cork-until-next-tick.js'
import type { WatchSink } from './watch-sink.js'

/**
 * A watch over chunked HTTP: headers flushed at once (client-node hangs otherwise), one
 * newline-terminated JSON event per write; node sends each write as its own chunk.
 */
export class ChunkedSink implements WatchSink {
  // Clients split the stream on newlines, whatever the chunks (client-go's json framer, client-node's line splitter).
  readonly canJoinFrames = true

  constructor(private readonly response: ServerResponse) {
    response.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    })
    response.flushHeaders()
    // Small event frames go out at once rather than waiting for Nagle; keepalive probes notice a
    // vanished client on a quiet watch (we never send unrequested events to find out).
    response.socket?.setNoDelay(true)
    response.socket?.setKeepAlive(true, 30_000)
  }

  write(frame: Buffer): boolean {
    corkUntilNextTick(this.response)
    return this.response.write(frame)
  }

  onDrain(listener: () => void): void {
    this.response.once('drain', listener)
  }

  // A response closes once: `on` spares the wrapper `once` leaves on every open watch.
  onClose(listener: () => void): void {
    this.response.on('close', listener)
  }

  end(): void {
    if (!this.response.writableEnded) this.response.end()
  }
}

/** A response or socket that can hold writes back (node's Writable and OutgoingMessage both can). */
export interface Corkable {
  cork(): void
  uncork(): void
  readonly writableCorked: number
}

const uncork = (stream: Corkable) => stream.uncork()

/**
 * Frames written in the same tick (a group-committed batch) leave in one syscall: the tick's first
 * write corks the stream and the tick's end uncorks it. The stream's own cork count is the state,
 * as node's OutgoingMessage does for its socket, so a sink carries no flag and makes no closure per write.
 * True when this write began the tick (and corked the stream).
 */
export function corkUntilNextTick(stream: Corkable): boolean {
  if (stream.writableCorked > 0) return false
  stream.cork()
  process.nextTick(uncork, stream)
  return true
}

import { runSlice } from './run-slice.js'

/** A response or socket that can hold writes back (node's Writable and OutgoingMessage both can). */
export interface Corkable {
  cork(): void
  uncork(): void
  readonly writableCorked: number
}

/**
 * How long one turn of the event loop may spend sending watch streams' held frames before it
 * leaves the rest to the next turn. A commit offered to a thousand live watchers is a thousand
 * socket writes, each also running the receiver's side of loopback TCP: 20–100 µs apiece on a busy
 * 2-core machine, 20–100 ms for the lot. Sent in one go, they hold up every request meanwhile (the
 * resume storm's writes waited up to 150 ms behind them); in slices, a write waits for one slice.
 */
const FLUSH_SLICE_MS = 4

// One event loop per process, so one queue of streams waiting for their turn to send.
const waiting: Corkable[] = []
let isScheduled = false

/**
 * Holds a watch stream's writes until the loop's check phase, after the turn's I/O callbacks and
 * the responses they wrote: a group-committed batch's frames leave in one syscall per stream, and
 * a write's own response leaves before the fan-out of its commit. Streams are sent in the order
 * they began waiting, at most FLUSH_SLICE_MS of them per turn. The stream's own cork count is the
 * state, as node's OutgoingMessage does for its socket, so a sink carries no flag.
 * True when this write began the stream's wait (and corked it).
 */
export function corkUntilFlush(stream: Corkable): boolean {
  if (stream.writableCorked > 0) return false
  stream.cork()
  waiting.push(stream)
  if (!isScheduled) {
    isScheduled = true
    setImmediate(flushSlice)
  }
  return true
}

function flushSlice(): void {
  // Sent streams leave the queue (at most one entry per waiting stream stays, so this is short).
  runSlice(waiting, performance.now() + FLUSH_SLICE_MS, (stream) => stream.uncork())
  if (waiting.length > 0) setImmediate(flushSlice)
  else isScheduled = false
}

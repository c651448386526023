import { corkUntilNextTick, type Corkable } from './cork-until-next-tick.js'

/** A socket as a sink writes to it: corkable, with its buffer's fill and its own backpressure. */
export interface TickWritable extends Corkable {
  readonly writableLength: number
  readonly writableHighWaterMark: number
  readonly writableNeedDrain: boolean
}

/**
 * Corks `socket` until the tick ends (corkUntilNextTick) and gives what earlier ticks left unsent:
 * measured at the tick's first write, `previous` for the tick's later writes.
 *
 * Why a sink keeps this rather than heed write()'s answer: while the tick is corked, the tick's own
 * frames fill the socket's buffer. A group commit of 40 small events passes the 16 KiB high-water
 * mark, write() says stop, and every watcher of a client that keeps up would queue the rest, wait
 * for 'drain' and send them in a second syscall (measured: ~3,000 such stalls per 2 s at 100
 * watchers × 2,000 writes/s, half of all commits).
 */
export function backlogAtTickStart(socket: TickWritable, previous: number): number {
  return corkUntilNextTick(socket) ? socket.writableLength : previous
}

/**
 * After a write: true while the client keeps up, that is while earlier ticks left less than the
 * socket's high-water mark unsent; a slower client is told to stop (bounded memory: the mark plus
 * one tick's frames, which are shared with every other watcher). It is never told to stop unless
 * the socket will emit 'drain' (a write past the mark has set it), so a stopped watcher always resumes.
 */
export function isKeepingUp(socket: TickWritable, backlogBytes: number): boolean {
  return backlogBytes < socket.writableHighWaterMark || !socket.writableNeedDrain
}

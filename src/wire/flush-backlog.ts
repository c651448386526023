import { corkUntilFlush, type Corkable } from './cork-until-flush.js'

/** A socket as a sink writes to it: corkable, with its buffer's fill and its own backpressure. */
export interface FlushWritable extends Corkable {
  readonly writableLength: number
  readonly writableHighWaterMark: number
  readonly writableNeedDrain: boolean
}

/**
 * Corks `socket` until its flush (corkUntilFlush) and gives what earlier flushes left unsent:
 * measured at the wait's first write, `previous` for its later writes.
 *
 * Why a sink keeps this rather than heed write()'s answer: while the socket waits corked, its own
 * frames fill its buffer. A group commit of 40 small events passes the 16 KiB high-water mark,
 * write() says stop, and every watcher of a client that keeps up would queue the rest, wait for
 * 'drain' and send them in a second syscall (measured: ~3,000 such stalls per 2 s at 100
 * watchers × 2,000 writes/s, half of all commits).
 */
export function backlogAtFlushStart(socket: FlushWritable, previous: number): number {
  return corkUntilFlush(socket) ? socket.writableLength : previous
}

/**
 * What one wait for a flush may hold for a socket before its watcher is told to stop: a few
 * turns' group commits fit many times over (40 events of 500 bytes are 20 KB); a replayed log page
 * of large objects (256 of 16 KB) does not, so a watcher catching up sends a page, stops, and goes
 * on at 'drain', however long the flush waits.
 */
const MAX_HELD_BYTES = 1024 * 1024

/**
 * After a write: true while the client keeps up, that is while earlier flushes left less than the
 * socket's high-water mark unsent and this wait holds less than MAX_HELD_BYTES; a slower client is
 * told to stop (bounded memory: the mark plus what one wait holds, frames shared with every other
 * watcher). It is never told to stop unless the socket will emit 'drain' (a write past the mark has
 * set it), so a stopped watcher always resumes.
 */
export function isKeepingUp(socket: FlushWritable, backlogBytes: number): boolean {
  if (!socket.writableNeedDrain) return true
  return backlogBytes < socket.writableHighWaterMark && socket.writableLength < MAX_HELD_BYTES
}

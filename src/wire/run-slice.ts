/**
 * Runs `queue`'s items from the front, in order, at least one, until the queue is empty or
 * `deadlineMs` (performance.now()) has passed; those run leave the queue, even if one throws.
 * Items that `run` adds go to the back, and may run in this slice. One event-loop turn's share of
 * work that waits its turn: the flush of watch streams (cork-until-flush.ts), watch starts
 * (http/watch-starts.ts).
 */
export function runSlice<T>(queue: T[], deadlineMs: number, run: (item: T) => void): void {
  let ran = 0
  try {
    do run(queue[ran++]!)
    while (ran < queue.length && performance.now() < deadlineMs)
  } finally {
    queue.splice(0, ran)
  }
}

/** How long one event-loop turn may spend starting watches before it leaves the rest to the next. */
const START_SLICE_MS = 1

/**
 * Whether a request target may ask for a watch (`?watch=…`, or the old `/watch/` path prefix): cheap,
 * before the request is parsed; one that turns out to be no watch only waits for a slice.
 */
export const mayBeWatch = (target: string | undefined): boolean => target !== undefined && (target.includes('watch=') || target.includes('/watch/'))

/** A request as a queued start sees it: whether its client is still there. */
interface Arrived {
  readonly socket: { readonly destroyed: boolean }
}

/**
 * Starts watch requests a slice per event-loop turn, in the order they came.
 *
 * Informers reconnecting together (a restart, a network blip) send their watches in bursts, and
 * node reads every request that has arrived in one turn: in the bench's resume storm one turn read
 * 130–196 watch requests, ~125 µs each, and a write that came in the same turn waited them all
 * out, then again for its commit's answer. Queued here, a turn spends at most START_SLICE_MS on
 * them, and the burst is spread over the turns that follow (storm write max 89–116 → 49–54 ms,
 * p99 63–79 → 24–26 ms; with 2 ms slices 49–59 and 30–43 ms, with 5 ms 78–92 and 59–66 ms).
 * A watch whose client left while it waited is not started: no sink would ever hear it close.
 */
export class WatchStarts {
  readonly #waiting: { request: Arrived; start: () => unknown }[] = []
  #nextIndex = 0
  #isScheduled = false

  /** runs `start` in a later turn's slice, unless `request`'s connection is gone by then */
  enqueue(request: Arrived, start: () => unknown): void {
    this.#waiting.push({ request, start })
    if (this.#isScheduled) return
    this.#isScheduled = true
    setImmediate(() => this.#slice())
  }

  #slice(): void {
    const deadlineMs = performance.now() + START_SLICE_MS
    do {
      const { request, start } = this.#waiting[this.#nextIndex++]!
      if (!request.socket.destroyed) start()
    } while (this.#nextIndex < this.#waiting.length && performance.now() < deadlineMs)
    this.#waiting.splice(0, this.#nextIndex)
    this.#nextIndex = 0
    if (this.#waiting.length > 0) setImmediate(() => this.#slice())
    else this.#isScheduled = false
  }
}

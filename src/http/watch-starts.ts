import { runSlice } from '../wire/run-slice.js'

/** How long one event-loop turn may spend starting watches before it leaves the rest to later turns. */
const START_SLICE_MS = 1

/**
 * Whether a request target may ask for a watch (`?watch=…`, or the old `/watch/` path prefix): cheap,
 * before the request is parsed; one that turns out to be no watch waits at most for a slice.
 */
export const mayBeWatch = (target: string | undefined): boolean => target !== undefined && (target.includes('watch=') || target.includes('/watch/'))

/** A request as a queued start sees it: whether its client is still there. */
interface WaitingRequest {
  readonly socket: { readonly destroyed: boolean }
}

/**
 * Starts watch requests at most START_SLICE_MS per event-loop turn, in the order they came: at
 * once while the turn has time left, else in a later turn's slice.
 *
 * Informers reconnecting together (a restart, a network blip) send their watches in bursts, and
 * node reads every request that has arrived in one turn: in the bench's resume storm one turn read
 * 130–196 watch requests, ~125 µs each, and a write that came in the same turn waited them all
 * out, then again for its commit's answer. With the slice, a burst is spread over the turns that
 * follow, and a write waits for a slice, not the burst: storm write max 96–121 → 40–68 ms, p99
 * 61–79 → 30–38 ms, in runs side by side (a 5 ms slice kept the max at 78–92 ms).
 * A watch whose client left while it waited is not started: no sink would ever hear it close.
 */
export class WatchStarts {
  readonly #waiting: { request: WaitingRequest; start: () => unknown }[] = []
  /** when this turn's slice ends; starts past it wait for a later turn */
  #sliceEndsMs = 0
  #isScheduled = false

  /** runs `start` now if this turn's slice has time left (and no earlier start waits), else later */
  enqueue(request: WaitingRequest, start: () => unknown): void {
    if (this.#waiting.length === 0) {
      const nowMs = performance.now()
      if (!this.#isScheduled) this.#beginSlice(nowMs)
      if (nowMs < this.#sliceEndsMs) return void start()
    }
    this.#waiting.push({ request, start })
  }

  /** a slice for this turn: it ends by the turn's check phase, whose immediate runs what waits in a slice of its own */
  #beginSlice(nowMs: number): void {
    this.#sliceEndsMs = nowMs + START_SLICE_MS
    this.#isScheduled = true
    setImmediate(() => this.#nextSlice())
  }

  #nextSlice(): void {
    this.#isScheduled = false
    if (this.#waiting.length === 0) return
    this.#beginSlice(performance.now())
    runSlice(this.#waiting, this.#sliceEndsMs, ({ request, start }) => {
      if (!request.socket.destroyed) start()
    })
  }
}

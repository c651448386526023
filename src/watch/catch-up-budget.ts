/**
 * How long catching-up watchers may wait while connections keep arriving, before a turn reads
 * pages again: they go on, slower, even while clients connect without pause.
 */
const MAX_YIELD_TO_ARRIVALS_MS = 20

/**
 * Shares the event loop among watchers that replay the log: at most `pagesPerTurn` log pages are
 * read per turn, whoever asks, so a thousand watchers resuming at once cannot stall writes (or
 * each other) for seconds; the rest wait their turn, first come first served.
 *
 * New connections come first. libuv (1.46, in Node 20) accepts one connection per turn, so a
 * thousand clients connecting together wait in the listen queue for a thousand turns: a turn that
 * follows an accepted connection reads no pages (for at most MAX_YIELD_TO_ARRIVALS_MS at a
 * stretch), which keeps those turns short. Measured in the bench's resume storm (1,000 watches connecting together):
 * the slowest response head came 480–594 ms after connecting, not 840–1,078 ms.
 */
export class CatchUpBudget {
  #usedThisTurn = 0
  #isTurnScheduled = false
  #hasAcceptedThisTurn = false
  #lastGrantingTurnMs = 0
  readonly #waiting: (() => void)[] = []

  constructor(private readonly pagesPerTurn: number) {}

  /** undefined: go ahead now; a promise: wait for it, then go ahead */
  acquire(): Promise<void> | undefined {
    this.#scheduleNextTurn()
    if (this.#usedThisTurn < this.pagesPerTurn && this.#waiting.length === 0) {
      this.#usedThisTurn += 1
      return undefined
    }
    return new Promise((resolve) => this.#waiting.push(resolve))
  }

  /** the server accepted a connection: the next turn reads no pages */
  noteConnectionAccepted(): void {
    this.#hasAcceptedThisTurn = true
  }

  #scheduleNextTurn(): void {
    if (this.#isTurnScheduled) return
    this.#isTurnScheduled = true
    setImmediate(() => this.#turn())
  }

  #turn(): void {
    this.#isTurnScheduled = false
    const nowMs = performance.now()
    const isYielding = this.#hasAcceptedThisTurn && nowMs - this.#lastGrantingTurnMs < MAX_YIELD_TO_ARRIVALS_MS
    this.#hasAcceptedThisTurn = false
    if (isYielding) {
      // Nothing more this turn, even for a watcher that asks after this.
      this.#usedThisTurn = this.pagesPerTurn
      if (this.#waiting.length > 0) this.#scheduleNextTurn()
      return
    }
    this.#lastGrantingTurnMs = nowMs
    const granted = this.#waiting.splice(0, this.pagesPerTurn)
    this.#usedThisTurn = granted.length
    for (const grant of granted) grant()
    if (this.#waiting.length > 0 || granted.length > 0) this.#scheduleNextTurn()
  }
}

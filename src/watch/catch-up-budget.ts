/**
 * Shares the event loop among watchers that replay the log: at most `pagesPerTurn` log pages are
 * read per turn, whoever asks, so a thousand watchers resuming at once cannot stall writes (or
 * each other) for seconds; the rest wait their turn, first come first served.
 */
export class CatchUpBudget {
  #usedThisTurn = 0
  #isTurnScheduled = false
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

  #scheduleNextTurn(): void {
    if (this.#isTurnScheduled) return
    this.#isTurnScheduled = true
    setImmediate(() => {
      this.#isTurnScheduled = false
      this.#usedThisTurn = 0
      const granted = this.#waiting.splice(0, this.pagesPerTurn)
      this.#usedThisTurn = granted.length
      for (const grant of granted) grant()
      if (this.#waiting.length > 0 || granted.length > 0) this.#scheduleNextTurn()
    })
  }
}

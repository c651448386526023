/**
 * Shares the event loop among watchers that replay the log: at most `pagesPerTurn` log pages are
 * read per turn, whoever asks, so a thousand watchers resuming at once cannot stall writes (or
 * each other) for seconds; the rest wait their turn, first come first served.
 *
 * A turn that accepted a connection grants one page, not `pagesPerTurn`: node's event loop (libuv
 * 1.45 on, libuv/libuv#3696) accepts one connection per turn, so when a thousand clients connect at
 * once the last waits a thousand turns for its accept, and short turns answer them sooner.
 */
export class CatchUpBudget {
  #usedThisTurn = 0
  #pagesThisTurn: number
  #connectionsThisTurn = 0
  #isTurnScheduled = false
  readonly #waiting: (() => void)[] = []

  constructor(private readonly pagesPerTurn: number) {
    this.#pagesThisTurn = pagesPerTurn
  }

  /** a connection was accepted (this turn): more may be waiting for theirs */
  noteConnection(): void {
    this.#connectionsThisTurn += 1
  }

  /** undefined: go ahead now; a promise: wait for it, then go ahead */
  acquire(): Promise<void> | undefined {
    this.#scheduleNextTurn()
    if (this.#usedThisTurn < this.#pagesThisTurn && this.#waiting.length === 0) {
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
      this.#pagesThisTurn = this.#connectionsThisTurn > 0 ? 1 : this.pagesPerTurn
      this.#connectionsThisTurn = 0
      const granted = this.#waiting.splice(0, this.#pagesThisTurn)
      this.#usedThisTurn = granted.length
      for (const grant of granted) grant()
      if (this.#waiting.length > 0 || granted.length > 0) this.#scheduleNextTurn()
    })
  }
}

import { tooManyRequests } from '../../api/errors.js'
import { isExempt, type Requester } from './requester.js'

export interface FairSeatsOptions {
  /** requests served at once, all users together (kube's --max-requests-inflight) */
  seats: number
  /** requests of one user that may wait for a seat; one more gets 429 at once */
  queuedPerUser: number
  /** how long a queued request waits for a seat before its 429 */
  queueWaitMs: number
}

export type ReleaseSeat = () => void

interface Waiter {
  grant(release: ReleaseSeat): void
  timer: NodeJS.Timeout
}

const NOTHING_TO_RELEASE: ReleaseSeat = () => {}

/**
 * Seats for non-long-running requests, shared fairly between users, in the spirit of API Priority
 * and Fairness (apiserver pkg/util/flowcontrol): while seats are free anyone gets one; when none is,
 * each user waits in a queue of their own, and a freed seat goes to the waiting user who holds the
 * fewest seats. A noisy user fills their own queue and gets 429s; a quiet one gets the next seat.
 * Watches do not take seats (kube counts them as long-running); they have a quota of their own.
 */
export class FairSeats {
  #free: number
  readonly #queues = new Map<string, Waiter[]>()
  readonly #held = new Map<string, number>()

  constructor(private readonly options: FairSeatsOptions) {
    this.#free = options.seats
  }

  /** A seat now, a seat once one frees, or a thrown/rejected 429 TooManyRequests. */
  acquire(requester: Requester): ReleaseSeat | Promise<ReleaseSeat> {
    if (isExempt(requester)) return NOTHING_TO_RELEASE
    const user = requester.name
    if (this.#free > 0 && !this.#queues.has(user)) return this.#seat(user)
    const queue = this.#queues.get(user) ?? []
    if (queue.length >= this.options.queuedPerUser) throw tooManyRequests(1)
    return new Promise<ReleaseSeat>((resolve, reject) => {
      const waiter: Waiter = {
        grant: resolve,
        timer: setTimeout(() => {
          this.#leaveQueue(user, waiter)
          reject(tooManyRequests(1))
        }, this.options.queueWaitMs),
      }
      queue.push(waiter)
      this.#queues.set(user, queue)
    })
  }

  /** Requests queued now, all users together (for /metrics and tests). */
  queuedCount(): number {
    let count = 0
    for (const queue of this.#queues.values()) count += queue.length
    return count
  }

  #seat(user: string): ReleaseSeat {
    this.#free--
    this.#held.set(user, (this.#held.get(user) ?? 0) + 1)
    let isReleased = false
    return () => {
      if (isReleased) return
      isReleased = true
      this.#free++
      const held = this.#held.get(user)! - 1
      if (held === 0) this.#held.delete(user)
      else this.#held.set(user, held)
      this.#dispatch()
    }
  }

  #dispatch(): void {
    while (this.#free > 0) {
      const user = this.#fairestWaitingUser()
      if (user === undefined) return
      const waiter = this.#queues.get(user)!.shift()!
      if (this.#queues.get(user)!.length === 0) this.#queues.delete(user)
      clearTimeout(waiter.timer)
      waiter.grant(this.#seat(user))
    }
  }

  /** The waiting user holding the fewest seats; among equals, the one queued longest (Map order). */
  #fairestWaitingUser(): string | undefined {
    let best: string | undefined
    let bestHeld = Infinity
    for (const user of this.#queues.keys()) {
      const held = this.#held.get(user) ?? 0
      if (held < bestHeld) [best, bestHeld] = [user, held]
    }
    return best
  }

  #leaveQueue(user: string, waiter: Waiter): void {
    const queue = this.#queues.get(user)
    if (!queue) return
    const index = queue.indexOf(waiter)
    if (index >= 0) queue.splice(index, 1)
    if (queue.length === 0) this.#queues.delete(user)
  }
}

import type { Revision } from '../api/resource-version.js'
import { RevisionError } from './errors.js'
import type { RevisionBounds } from './revision-rules.js'

interface Waiter {
  revision: Revision
  resolve(): void
  reject(error: unknown): void
  timer: NodeJS.Timeout
}

/**
 * Callers waiting for a revision to be committed. The storage that publishes commits releases
 * them right after publishing, so a wait ends on the commit itself, with no polling; one that is
 * not released in time fails with RevisionTooNew. Shared by every Storage implementation.
 */
export class RevisionWaiters {
  // Sorted by revision: a release settles a prefix.
  readonly #waiting: Waiter[] = []

  constructor(private readonly bounds: () => RevisionBounds) {}

  wait(revision: Revision, timeoutMs: number): Promise<void> {
    if (revision <= this.bounds().current) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { revision, resolve, reject, timer: setTimeout(() => this.#expire(waiter), timeoutMs) }
      this.#waiting.splice(this.#insertionIndex(revision), 0, waiter)
    })
  }

  /** settles every wait for a revision at or before `current`; call it after publishing the commits up to it */
  release(current: Revision): void {
    let released = 0
    while (released < this.#waiting.length && this.#waiting[released]!.revision <= current) released += 1
    for (const waiter of this.#waiting.splice(0, released)) {
      clearTimeout(waiter.timer)
      waiter.resolve()
    }
  }

  /** storage is closing: nothing will be committed any more */
  close(): void {
    for (const waiter of this.#waiting.splice(0)) {
      clearTimeout(waiter.timer)
      waiter.reject(new Error('storage is closed'))
    }
  }

  #expire(waiter: Waiter): void {
    const index = this.#waiting.indexOf(waiter)
    if (index === -1) return
    this.#waiting.splice(index, 1)
    waiter.reject(new RevisionError('RevisionTooNew', { requested: waiter.revision, ...this.bounds() }))
  }

  #insertionIndex(revision: Revision): number {
    let [low, high] = [0, this.#waiting.length]
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.#waiting[middle]!.revision <= revision) low = middle + 1
      else high = middle
    }
    return low
  }
}

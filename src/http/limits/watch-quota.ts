import { tooManyRequests } from '../../api/errors.js'
import { isExempt, type Requester } from './requester.js'

/**
 * Open watches per user (chunked, WebSocket, and each subscription on a multiplexed socket): one
 * client that opens watches in a loop cannot take all of the server's memory. kube-apiserver has no
 * such count (APF only limits how fast watches start); it is ours, answered with kube's 429.
 * A watch is checked before its response starts (check) and counted once it runs (hold): a few
 * watches starting together may pass the bound by their number, never more.
 */
export class WatchQuota {
  readonly #open = new Map<string, number>()

  constructor(private readonly maxPerUser: number) {}

  /** Throws 429 when `requester` already holds as many watches as allowed. */
  check(requester: Requester): void {
    if (isExempt(requester)) return
    const open = this.openCount(requester.name)
    if (open >= this.maxPerUser) throw tooManyRequests(1, `too many watches open for user "${requester.name}" (at most ${this.maxPerUser})`)
  }

  /** Counts one more running watch of `requester`; the returned function ends it (once). */
  hold(requester: Requester): () => void {
    if (isExempt(requester)) return () => {}
    const user = requester.name
    this.#open.set(user, this.openCount(user) + 1)
    let isClosed = false
    return () => {
      if (isClosed) return
      isClosed = true
      const left = this.openCount(user) - 1
      if (left === 0) this.#open.delete(user)
      else this.#open.set(user, left)
    }
  }

  openCount(user: string): number {
    return this.#open.get(user) ?? 0
  }
}

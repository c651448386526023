import { tooManyRequests } from '../../api/errors.js'
import { isExempt, type Requester } from './requester.js'

/**
 * Open watches per user (chunked, WebSocket, and each subscription on a multiplexed socket): one
 * client that opens watches in a loop cannot take all of the server's memory. kube-apiserver has no
 * such count (APF only limits how fast watches start); it is ours, answered with kube's 429.
 */
export class WatchQuota {
  readonly #open = new Map<string, number>()

  constructor(private readonly maxPerUser: number) {}

  /** Counts one more watch of `requester`, or throws 429; the returned function ends it (once). */
  open(requester: Requester): () => void {
    if (isExempt(requester)) return () => {}
    const user = requester.name
    const open = this.#open.get(user) ?? 0
    if (open >= this.maxPerUser) throw tooManyRequests(1, `too many watches open for user "${user}" (at most ${this.maxPerUser})`)
    this.#open.set(user, open + 1)
    let isClosed = false
    return () => {
      if (isClosed) return
      isClosed = true
      const left = this.#open.get(user)! - 1
      if (left === 0) this.#open.delete(user)
      else this.#open.set(user, left)
    }
  }

  openCount(user: string): number {
    return this.#open.get(user) ?? 0
  }
}

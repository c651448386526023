import type { Logger } from 'pino'
import { gone } from '../api/errors.js'
import { asRevision, type Revision } from '../api/resource-version.js'
import type { Status } from '../api/types.js'
import type { Storage } from '../storage/storage.js'
import type { WatchSink } from '../wire/watch-sink.js'
import { readStatePage } from './initial-state.js'
import { bookmarkFrame, errorFrame } from './control-events.js'
import type { EncodedChange } from './encoded-change.js'
import { planEvent } from './event-type.js'
import type { LiveWatcher, WatchHub } from './watch-hub.js'
import type { WatchLimits, WatchRequest } from './watch-request.js'

export interface WatcherDeps {
  storage: Storage
  hub: WatchHub
  sink: WatchSink
  log: Logger
}

type State = 'starting' | 'catching-up' | 'live' | 'overflowed' | 'ended'

/**
 * One client's watch. Replays the log (or the current state) page by page, then joins the hub in
 * the same tick as its last read, so nothing falls between. A client that stops reading gets a
 * bounded queue; past it the watcher leaves the hub and later catches up from the log: bounded
 * memory, nothing lost.
 */
export class Watcher implements LiveWatcher {
  readonly resource: string
  readonly namespace: string | undefined
  #state: State = 'starting'
  #deliveredThrough = 0 as Revision
  #queue: { revision: Revision; frame: Buffer }[] = []
  #isBlocked = false
  #isFirstEvent = true
  readonly #timers: NodeJS.Timeout[] = []
  readonly #endListeners: (() => void)[] = []

  constructor(
    private readonly request: WatchRequest,
    private readonly limits: WatchLimits,
    private readonly deps: WatcherDeps,
  ) {
    this.resource = request.resource
    this.namespace = request.namespace
  }

  start(): void {
    this.deps.hub.track(this)
    this.deps.sink.onClose(() => this.end())
    if (this.request.timeoutMs !== undefined) this.#timers.push(setTimeout(() => this.#timeOut(), this.request.timeoutMs))
    if (this.request.allowBookmarks) this.#timers.push(setInterval(() => this.#bookmark(), this.limits.bookmarkIntervalMs))
    this.#begin().catch((error: unknown) => this.#fail(error))
  }

  offer(change: EncodedChange): void {
    if (this.#state !== 'live' || change.change.revision <= this.#deliveredThrough) return
    const plan = planEvent(change.change, this.request.filter)
    if (!plan) {
      if (this.#queue.length === 0) this.#deliveredThrough = change.change.revision
      return
    }
    const frame = change.frame(plan.type, plan.isPrevious, this.request.format, this.#isFirstEvent)
    this.#isFirstEvent = false
    if (!this.#isBlocked && this.#queue.length === 0) return this.#write(change.change.revision, frame)
    this.#queue.push({ revision: change.change.revision, frame })
    if (this.#queue.length > this.limits.maxQueuedFrames) this.#overflow()
  }

  end(): void {
    if (this.#state === 'ended') return
    this.#state = 'ended'
    this.deps.hub.leave(this)
    this.deps.hub.untrack(this)
    for (const timer of this.#timers) clearTimeout(timer)
    this.#queue = []
    this.deps.sink.end()
    for (const listener of this.#endListeners.splice(0)) listener()
  }

  /**
   * Ends the watch with an ERROR event carrying `status`: the 410 of a compacted revision, or the
   * 403 of a revoked permission. Frames still queued for a slow client are dropped, not sent first.
   */
  endWithError(status: Status): void {
    if (this.#state === 'ended') return
    this.deps.sink.write(errorFrame(status))
    this.end()
  }

  /** calls `listener` once the watch has ended, however it ended */
  onEnd(listener: () => void): void {
    if (this.#state === 'ended') listener()
    else this.#endListeners.push(listener)
  }

  async #begin(): Promise<void> {
    // Checked here as well as in #catchUp so the 410 goes out at once, in the order requests came.
    const { fromRevision } = this.request
    if (fromRevision !== undefined && fromRevision < this.deps.storage.compactedRevision()) return this.#expired(fromRevision)
    if (this.request.frozenAt !== undefined) return this.#sendState(this.request.frozenAt)
    if (fromRevision === undefined) await this.#sendState()
    else this.#deliveredThrough = fromRevision
    await this.#catchUp()
  }

  /** the state now, as ADDED events; then, for streaming lists, the initial-events-end bookmark */
  async #sendState(atRevision = this.deps.storage.currentRevision()): Promise<void> {
    let after: { namespace: string; name: string } | undefined
    for (;;) {
      await this.deps.hub.catchUpBudget.acquire()
      if (this.#isEnded()) return
      if (atRevision < this.deps.storage.compactedRevision()) return this.#expired(atRevision)
      const page = readStatePage(this.deps.storage, this.request, { atRevision, after, limit: this.limits.catchUpPageRows })
      for (const change of page) this.#deliverReplayed(change)
      const last = page.at(-1)?.change
      if (!last || page.length < this.limits.catchUpPageRows) break
      after = { namespace: last.namespace, name: last.name }
      await this.#drained()
      if (this.#isEnded()) return
    }
    this.#deliveredThrough = atRevision
    if (this.request.sendInitialEvents && this.request.allowBookmarks) this.#writeControl(bookmarkFrame(this.request, atRevision, true))
  }

  /** log pages after #deliveredThrough; the last, short page is followed by joining the hub, same tick */
  async #catchUp(): Promise<void> {
    this.#state = 'catching-up'
    for (;;) {
      await this.deps.hub.catchUpBudget.acquire()
      if (this.#isEnded()) return
      // Retention may compact past us while we are behind (or while we wait for the client to
      // drain): then the log cannot fill the gap, and the client must relist.
      if (this.#deliveredThrough < this.deps.storage.compactedRevision()) return this.#expired(this.#deliveredThrough)
      const page = this.deps.hub.logBlocks.pageAfter(this.request, this.#deliveredThrough)
      for (const change of page.changes) this.#deliverReplayed(change)
      if (page.isAtEnd) {
        // Never backwards: a watch from a future revision sees only what comes after it.
        this.#deliveredThrough = asRevision(Math.max(this.#deliveredThrough, this.deps.storage.currentRevision()))
        this.#state = 'live'
        this.deps.hub.join(this)
        return
      }
      await this.#drained()
      if (this.#isEnded()) return
    }
  }

  #deliverReplayed(change: EncodedChange): void {
    const plan = planEvent(change.change, this.request.filter)
    if (plan) {
      this.#writeControl(change.frame(plan.type, plan.isPrevious, this.request.format, this.#isFirstEvent))
      this.#isFirstEvent = false
    }
    this.#deliveredThrough = change.change.revision
  }

  #write(revision: Revision, frame: Buffer): void {
    this.#deliveredThrough = revision
    this.#writeControl(frame)
  }

  #writeControl(frame: Buffer): void {
    if (this.deps.sink.write(frame) || this.#isBlocked) return
    this.#isBlocked = true
    this.deps.sink.onDrain(() => this.#onDrain())
  }

  #onDrain(): void {
    this.#isBlocked = false
    while (this.#queue.length > 0 && !this.#isBlocked) {
      const { revision, frame } = this.#queue.shift()!
      this.#write(revision, frame)
    }
    if (this.#state === 'overflowed' && !this.#isBlocked) this.#catchUp().catch((error: unknown) => this.#fail(error))
  }

  /** ERROR 410, then the stream ends: client-node relists only once the stream closes */
  #expired(revision: Revision): void {
    const compacted = this.deps.storage.compactedRevision()
    this.endWithError(gone(`too old resource version: ${revision} (${compacted})`).toStatus())
  }

  /** too far behind: stop buffering, forget the queue, and catch up from the log once it drains */
  #overflow(): void {
    this.deps.hub.leave(this)
    this.#queue = []
    this.#state = 'overflowed'
    this.deps.log.debug({ resource: this.resource, deliveredThrough: this.#deliveredThrough }, 'watcher overflowed')
  }

  #drained(): Promise<void> {
    if (!this.#isBlocked) return Promise.resolve()
    return new Promise((resolve) => this.deps.sink.onDrain(() => resolve()))
  }

  /** timeoutSeconds reached: a last bookmark lets the client resume without a relist (kube does the same) */
  #timeOut(): void {
    if (this.request.allowBookmarks) this.#bookmark()
    this.end()
  }

  #fail(error: unknown): void {
    this.deps.log.error({ err: error }, 'watch failed')
    this.end()
  }

  #isEnded(): boolean {
    return this.#state === 'ended'
  }

  #bookmark(): void {
    if (this.#state !== 'live' || this.#isBlocked || this.#queue.length > 0) return
    this.#writeControl(bookmarkFrame(this.request, this.deps.storage.currentRevision()))
  }
}

import type { Logger } from 'pino'
import { asRevision, type Revision } from '../api/resource-version.js'
import type { Status } from '../api/types.js'
import type { StorageReader } from '../storage/storage.js'
import type { WatchSink } from '../wire/watch-sink.js'
import { readStatePage } from './initial-state.js'
import { bookmarkFrame, errorFrame } from './control-events.js'
import type { EncodedChange } from './encoded-change.js'
import { planEvent } from './event-type.js'
import type { ReplayPage } from './joined-frames.js'
import type { LiveWatcher, WatchHub } from './watch-hub.js'
import type { WatchLimits, WatchRequest } from './watch-request.js'

export interface WatcherDeps {
  storage: StorageReader
  hub: WatchHub
  sink: WatchSink
  log: Logger
  /**
   * The Status a failure ends the stream with, as an ERROR event (a compacted revision's 410
   * Expired); undefined for failures that are bugs, which end the stream without one.
   */
  statusOf(error: unknown): Status | undefined
}

const NO_LISTENERS: readonly (() => void)[] = []

type State = 'starting' | 'catching-up' | 'joining' | 'live' | 'overflowed' | 'ended'

/**
 * One client's watch. Replays the log (or the current state) page by page, then joins the hub:
 * before its last log read, so commits published while that read is in flight are held and
 * offered after it, minus those the read already delivered. Nothing falls between the log and
 * the live stream, and nothing is sent twice, however long reads take. A client that stops
 * reading gets a bounded queue; past it the watcher leaves the hub and later catches up from the
 * log: bounded memory, nothing lost.
 */
export class Watcher implements LiveWatcher {
  readonly resource: string
  readonly namespace: string | undefined
  #state: State = 'starting'
  #deliveredThrough = 0 as Revision
  #queue: { revision: Revision; frame: Buffer }[] = []
  // Commits published while joining, offered once the last log page is delivered.
  #held: EncodedChange[] = []
  #isBlocked = false
  #isFirstEvent = true
  // Fields, not arrays made for every watch: most open watches have neither timer and one or two listeners.
  #timeoutTimer: NodeJS.Timeout | undefined
  #bookmarkTimer: NodeJS.Timeout | undefined
  #endListeners: readonly (() => void)[] = NO_LISTENERS

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
    if (this.request.timeoutMs !== undefined) this.#timeoutTimer = setTimeout(() => this.#timeOut(), this.request.timeoutMs)
    if (this.request.allowBookmarks) this.#bookmarkTimer = setInterval(() => this.#bookmark(), this.limits.bookmarkIntervalMs)
    this.#begin().catch((error: unknown) => this.#fail(error))
  }

  offer(change: EncodedChange): void {
    if (this.#state === 'joining') return this.#hold(change)
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
    clearTimeout(this.#timeoutTimer)
    clearInterval(this.#bookmarkTimer)
    this.#queue = []
    this.#held = []
    this.deps.sink.end()
    const listeners = this.#endListeners
    this.#endListeners = NO_LISTENERS
    for (const listener of listeners) listener()
  }

  /**
   * Ends the watch with an ERROR event carrying `status` (the 403 of a revoked permission).
   * Frames still queued for a slow client are dropped, not sent first.
   */
  endWithError(status: Status): void {
    if (this.#isEnded()) return
    this.deps.sink.write(errorFrame(status))
    this.end()
  }

  /** calls `listener` once the watch has ended, however it ended */
  onEnd(listener: () => void): void {
    if (this.#isEnded()) listener()
    else this.#endListeners = [...this.#endListeners, listener]
  }

  async #begin(): Promise<void> {
    const { fromRevision } = this.request
    if (this.request.frozenAt !== undefined) return this.#sendState(this.request.frozenAt)
    if (fromRevision === undefined) await this.#sendState()
    else this.#deliveredThrough = fromRevision
    await this.#catchUp()
  }

  /** the state at a revision (by default the newest), as ADDED events; then, for streaming lists, the initial-events-end bookmark */
  async #sendState(atRevision?: Revision): Promise<void> {
    let after: { namespace: string; name: string } | undefined
    let revision = atRevision
    for (;;) {
      await this.deps.hub.catchUpBudget.acquire()
      if (this.#isEnded()) return
      // The first page fixes the revision (storage picks the newest); later pages read at it.
      const page = await readStatePage(this.deps.storage, this.request, { atRevision: revision, after, limit: this.limits.catchUpPageRows })
      if (this.#isEnded()) return
      revision = page.revision
      for (const change of page.changes) this.#deliverReplayed(change)
      const last = page.changes.at(-1)?.change
      if (!last || page.changes.length < this.limits.catchUpPageRows) break
      after = { namespace: last.namespace, name: last.name }
      await this.#drained()
      if (this.#isEnded()) return
    }
    this.#deliveredThrough = revision
    if (this.request.sendInitialEvents && this.request.allowBookmarks) this.#writeControl(bookmarkFrame(this.request, revision, true))
  }

  /**
   * Log pages after #deliveredThrough, up to what the hub has published. The page that reaches it
   * is read after joining the hub, in the same synchronous step as reading the hub's position: every
   * commit up to that position is in the page, every later one comes through the hub (held until
   * the page is delivered). Retention may compact past us meanwhile: then storage refuses the read,
   * the stream ends with 410, and the client relists.
   */
  async #catchUp(): Promise<void> {
    this.#state = 'catching-up'
    for (;;) {
      await this.deps.hub.catchUpBudget.acquire()
      if (this.#isEnded()) return
      const page = this.deps.hub.logBlocks.pageAfter(this.#scope, this.#deliveredThrough, this.deps.hub.publishedThrough)
      if (page.isAtEnd) this.#join()
      const replay = await page.changes
      if (this.#isEnded()) return
      this.#deliverPage(replay)
      // Sent or skipped everything the page covered. Never backwards: a watch from a future revision sees only what comes after it.
      this.#deliveredThrough = asRevision(Math.max(this.#deliveredThrough, page.throughRevision))
      // Joined for this page, unless it overflowed while the page was read: then read on.
      if (this.#isJoining()) return this.#goLive()
      await this.#drained()
      if (this.#isEnded()) return
    }
  }

  #join(): void {
    this.#state = 'joining'
    this.deps.hub.join(this)
  }

  #hold(change: EncodedChange): void {
    this.#held.push(change)
    if (this.#held.length > this.limits.maxQueuedFrames) this.#overflow()
  }

  /** the held commits, minus those the last page delivered, then the live stream */
  #goLive(): void {
    this.#state = 'live'
    const held = this.#held
    this.#held = []
    for (const change of held) this.offer(change)
  }

  /** a replayed page: in one write where the transport takes joined frames and every change goes out as it is */
  #deliverPage(page: ReplayPage): void {
    const isJoinable = this.deps.sink.canJoinFrames === true && this.request.filter.isEmpty &&
      !(this.#isFirstEvent && this.request.format.isFirstEventSpecial)
    if (!isJoinable || page.isEmpty) {
      for (const change of page.changes) this.#deliverReplayed(change)
      return
    }
    this.#writeControl(page.joinedFrames(this.request.format))
    this.#isFirstEvent = false
    this.#deliveredThrough = page.lastRevision
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


  /**
   * too far behind: stop buffering, forget the queue, and catch up from the log once it drains (a
   * watcher overflowing while joining is still in its catch-up loop, which goes on by itself)
   */
  #overflow(): void {
    this.deps.hub.leave(this)
    this.#queue = []
    this.#held = []
    this.#state = this.#state === 'joining' ? 'catching-up' : 'overflowed'
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

  /** ERROR with the failure's Status (410 for a compacted revision), then the stream ends: client-node relists only once it closes */
  #fail(error: unknown): void {
    if (this.#isEnded()) return
    const status = this.deps.statusOf(error)
    if (status) return this.endWithError(status)
    this.deps.log.error({ err: error }, 'watch failed')
    this.end()
  }

  get #scope() {
    return { resource: this.resource, namespace: this.namespace, withPrevious: !this.request.filter.isEmpty }
  }

  #isJoining(): boolean {
    return this.#state === 'joining'
  }

  #isEnded(): boolean {
    return this.#state === 'ended'
  }

  #bookmark(): void {
    if (this.#state !== 'live' || this.#isBlocked || this.#queue.length > 0) return
    // Live, nothing queued: every published commit has been sent or skipped.
    this.#writeControl(bookmarkFrame(this.request, this.deps.hub.publishedThrough))
  }
}

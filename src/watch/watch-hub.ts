import type { Observable, Subscription } from 'rxjs'
import type { Revision } from '../api/resource-version.js'
import type { Commit } from '../commits/commit.js'
import { changeFromCommit } from './change.js'
import { CatchUpBudget } from './catch-up-budget.js'
import { EncodedChange } from './encoded-change.js'
import { LogBlocks } from './log-blocks.js'
import type { StorageReader } from '../storage/storage.js'

const CATCH_UP_PAGES_PER_TURN = 4

/** A watcher as the hub sees it: where it listens, and how to hand it a change. */
export interface LiveWatcher {
  readonly resource: string
  /** ends the watch as a normal stream end (shutdown) */
  end(): void
  /** undefined watches every namespace */
  readonly namespace: string | undefined
  offer(change: EncodedChange): void
}

interface Route {
  everyNamespace: Set<LiveWatcher>
  byNamespace: Map<string, Set<LiveWatcher>>
}

/**
 * The one subscriber to the commit stream. Routes each commit by resource and namespace, so a
 * write costs nothing for watchers of other resources, and encodes it once for all its watchers.
 */
export class WatchHub {
  readonly #routes = new Map<string, Route>()
  // Every open watcher, live or catching up, so shutdown can end each stream cleanly.
  readonly #open = new Set<LiveWatcher>()
  readonly #subscription: Subscription
  /** log pages all watchers together may read per event-loop turn */
  readonly catchUpBudget = new CatchUpBudget(CATCH_UP_PAGES_PER_TURN)
  /** the log in shared, encoded blocks for catching-up watchers */
  readonly logBlocks: LogBlocks
  #watcherCount = 0
  #deliveries = 0
  #publishedThrough: Revision

  constructor(
    commits$: Observable<Commit>,
    storage: StorageReader,
    private readonly onWatcherError: (error: unknown) => void = () => {},
  ) {
    this.logBlocks = new LogBlocks(storage)
    // Everything committed before the hub existed is in the log; everything after comes through here.
    this.#publishedThrough = storage.currentRevision()
    this.#subscription = commits$.subscribe((commit) => {
      this.#publishedThrough = commit.revision
      this.#route(commit)
    })
  }

  /**
   * Every commit up to this revision has been offered to the watchers joined when it came, and no
   * later one yet: a watcher that joins now and reads the log up to here misses nothing and gets
   * nothing twice.
   */
  get publishedThrough(): Revision {
    return this.#publishedThrough
  }

  get watcherCount(): number {
    return this.#watcherCount
  }

  /** changes handed to watchers since start */
  get deliveries(): number {
    return this.#deliveries
  }

  track(watcher: LiveWatcher): void {
    this.#open.add(watcher)
  }

  untrack(watcher: LiveWatcher): void {
    this.#open.delete(watcher)
  }

  /** ends every open watch; clients see their streams end as after a timeout */
  endAll(): void {
    for (const watcher of [...this.#open]) watcher.end()
  }

  join(watcher: LiveWatcher): void {
    const route = this.#routeOf(watcher.resource)
    const set = watcher.namespace === undefined ? route.everyNamespace : this.#namespaceSet(route, watcher.namespace)
    if (!set.has(watcher)) this.#watcherCount += 1
    set.add(watcher)
  }

  leave(watcher: LiveWatcher): void {
    const route = this.#routes.get(watcher.resource)
    if (!route) return
    const set = watcher.namespace === undefined ? route.everyNamespace : route.byNamespace.get(watcher.namespace)
    if (!set?.delete(watcher)) return
    this.#watcherCount -= 1
    // Namespaces come and go: forget empty entries so the index does not grow without bound.
    if (watcher.namespace !== undefined && set.size === 0) route.byNamespace.delete(watcher.namespace)
  }

  close(): void {
    this.#subscription.unsubscribe()
  }

  #route(commit: Commit): void {
    const route = this.#routes.get(commit.resource)
    if (!route) return
    const inNamespace = route.byNamespace.get(commit.namespace)
    if (route.everyNamespace.size === 0 && !inNamespace?.size) return
    const encoded = new EncodedChange(changeFromCommit(commit))
    for (const watcher of route.everyNamespace) this.#offer(watcher, encoded)
    if (inNamespace) for (const watcher of inNamespace) this.#offer(watcher, encoded)
    this.#deliveries += route.everyNamespace.size + (inNamespace?.size ?? 0)
  }

  // One watcher's failure (a rendering bug, say) ends that watch; it must not reach the commit
  // stream, where RxJS would rethrow it and the other watchers would miss the commit.
  #offer(watcher: LiveWatcher, encoded: EncodedChange): void {
    try {
      watcher.offer(encoded)
    } catch (error) {
      this.onWatcherError(error)
      watcher.end()
    }
  }

  #routeOf(resource: string): Route {
    let route = this.#routes.get(resource)
    if (!route) this.#routes.set(resource, (route = { everyNamespace: new Set(), byNamespace: new Map() }))
    return route
  }

  #namespaceSet(route: Route, namespace: string): Set<LiveWatcher> {
    let set = route.byNamespace.get(namespace)
    if (!set) route.byNamespace.set(namespace, (set = new Set()))
    return set
  }
}

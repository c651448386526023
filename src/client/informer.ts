import { BehaviorSubject, concat, defer, EMPTY, filter, map, of, Subject, type Observable } from 'rxjs'
import type { KubeObject, Status } from '../api/types.js'
import { InformerStore, objectKey, type InformerEvent } from './informer-store.js'
import { INITIAL_EVENTS_END_ANNOTATION } from '../api/multiplex-protocol.js'
import type { ServerMessage, WatchStart, WatchTarget } from './multiplex-messages.js'
import { StatusError } from './status-error.js'
import type { SubscriptionHandle, SubscriptionOwner, SubscriptionRequest } from './subscription.js'

export interface InformerOptions extends WatchTarget {
  /** the server ends each subscription after this long and the informer resumes it; default: never */
  timeoutSeconds?: number
}

/**
 * 410: the resume point left the log. 504 "Too large resource version": the server is behind the
 * resume point (its data was restored or replaced). client-go's reflector relists on both.
 */
const mustRelistAfter = (status: Status) =>
  status.code === 410 || (status.code === 504 && status.details?.causes?.some((cause) => cause.reason === 'ResourceVersionTooLarge') === true)

type Handlers<T> = { add: (object: T) => void; update: (object: T, oldObject: T) => void; delete: (object: T) => void }

/** What an informer needs of its connection (WatchplaneConnection). */
export interface Subscriber {
  subscribe(request: SubscriptionRequest, owner: SubscriptionOwner): SubscriptionHandle
}

/**
 * A cache of one resource kept equal to the server, like client-go's informer: a streaming list,
 * then the watch; after a disconnect it resumes from the last resourceVersion, and after a 410 it
 * lists again and reports the differences as events. See docs/informer-client.md.
 */
export class Informer<T extends KubeObject = KubeObject> {
  readonly #store = new InformerStore<T>()
  readonly #events$ = new Subject<InformerEvent<T>>()
  readonly #synced$ = new BehaviorSubject(false)
  readonly #errors$ = new Subject<StatusError>()
  /** fires when the cache changed and is consistent: synced, and no relist half done */
  readonly #changed$ = new Subject<void>()
  #needsList = true
  #listCount = 0
  readonly #handle: SubscriptionHandle

  /** every add, update and delete, in the order the cache saw them */
  readonly events$: Observable<InformerEvent<T>> = this.#events$.asObservable()
  /** false until the first list is complete; then true for good */
  readonly synced$: Observable<boolean> = this.#synced$.asObservable()
  /** the subscription's errors but 410 (which just relists); the informer keeps retrying, with backoff */
  readonly errors$: Observable<StatusError> = this.#errors$.asObservable()
  /** a snapshot of the cache once synced and after every change; a relist's changes arrive as one */
  readonly cache$: Observable<ReadonlyMap<string, T>> = defer(() =>
    concat(this.#synced$.value ? of(null) : EMPTY, this.#changed$).pipe(map(() => new Map(this.#store.objects) as ReadonlyMap<string, T>)),
  )

  constructor(connection: Subscriber, options: InformerOptions) {
    const { timeoutSeconds, ...target } = options
    this.#handle = connection.subscribe({ target, timeoutSeconds }, {
      nextStart: () => this.#nextStart(),
      onMessage: (message) => this.#onMessage(message),
      onEnd: () => this.#onEnd(),
    })
  }

  get hasSynced(): boolean {
    return this.#synced$.value
  }

  /** where the informer would resume after a disconnect */
  get resourceVersion(): string | undefined {
    return this.#store.resourceVersion
  }

  /** streaming lists started: 1, plus one per relist (after a 410, or a disconnect mid-list) */
  get listCount(): number {
    return this.#listCount
  }

  /** calls `handler` for each event of that type; returns the function that stops it */
  on<K extends keyof Handlers<T>>(type: K, handler: Handlers<T>[K]): () => void {
    const subscription = this.#events$.pipe(filter((event) => event.type === type)).subscribe((event) => {
      if (event.type === 'update') (handler as Handlers<T>['update'])(event.object, event.oldObject)
      else (handler as Handlers<T>['add'])(event.object)
    })
    return () => subscription.unsubscribe()
  }

  list(): T[] {
    return [...this.#store.objects.values()]
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.#store.objects.get(objectKey(namespace, name))
  }

  /** unsubscribes; the Observables complete; the cache stays readable */
  close(): void {
    this.#handle.close()
  }

  #nextStart(): WatchStart {
    const resourceVersion = this.#store.resourceVersion
    if (!this.#needsList && !this.#store.isListing && resourceVersion !== undefined) return { resourceVersion }
    this.#needsList = false
    this.#listCount += 1
    this.#store.startList()
    return { sendInitialEvents: true }
  }

  #onMessage(message: Exclude<ServerMessage, { type: 'CLOSED' }>): void {
    if (message.type === 'ERROR') {
      // The CLOSED that follows brings the relist, if one is needed.
      if (mustRelistAfter(message.object)) this.#needsList = true
      if (message.object.code !== 410) this.#errors$.next(new StatusError(message.object))
      return
    }
    const resourceVersion = message.object.metadata.resourceVersion ?? ''
    if (message.type === 'BOOKMARK') {
      const isListEnd = message.object.metadata.annotations?.[INITIAL_EVENTS_END_ANNOTATION] === 'true'
      if (isListEnd && this.#store.isListing) return this.#onListEnd(resourceVersion)
      return this.#store.bookmark(resourceVersion)
    }
    const event = this.#store.apply(message.type, message.object as T)
    if (event) this.#events$.next(event)
    if (event && this.#synced$.value && !this.#store.isListing) this.#changed$.next()
  }

  #onListEnd(resourceVersion: string): void {
    for (const event of this.#store.endList(resourceVersion)) this.#events$.next(event)
    if (!this.#synced$.value) this.#synced$.next(true)
    this.#changed$.next()
  }

  #onEnd(): void {
    for (const subject of [this.#events$, this.#synced$, this.#errors$, this.#changed$] as Subject<unknown>[]) subject.complete()
  }
}

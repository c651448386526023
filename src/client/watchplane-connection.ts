import { BehaviorSubject, Subject, type Observable } from 'rxjs'
import type { KubeObject } from '../api/types.js'
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js'
import { Informer, type InformerOptions } from './informer.js'
import { parseServerMessage, type ServerMessage, type SubscribeMessage } from './multiplex-messages.js'
import { ReconnectingSocket } from './reconnecting-socket.js'
import { StatusError } from './status-error.js'
import type { SubscriptionEntry, SubscriptionHandle, SubscriptionOwner, SubscriptionRequest } from './subscription.js'
import { bearerTokenProtocol, defaultWebSocketFactory, MULTIPLEX_PROTOCOL, multiplexUrl, type ClientTlsOptions, type WebSocketFactory } from './websocket-factory.js'

export interface ConnectionOptions {
  /** the server's http(s) URL, as in a kubeconfig */
  url: string
  /** sent as the Origin header by Node clients (browsers send their own); default: the URL's origin */
  origin?: string
  /** passed as kube's `base64url.bearer.authorization.k8s.io.` subprotocol */
  bearerToken?: string
  /** Node only: the CA to trust over wss://, and a client certificate to authenticate with */
  tls?: ClientTlsOptions
  /** default: the global WebSocket in browsers, the `ws` package in Node */
  webSocketFactory?: WebSocketFactory
  /** delays between reconnects (reset once a socket opens) and between resubscribes that keep failing */
  backoff?: Partial<BackoffPolicy>
}

export type ConnectionState = 'connecting' | 'open' | 'closed'

// A subscription ended sooner than this without delivering anything was refused or is failing.
const QUICK_END_MS = 1000

/**
 * One multiplexed socket (docs/multiplexed-watch.md) carrying many subscriptions. Each subscribe
 * uses a fresh wire id, so a late message for an earlier one is recognised and dropped; where a
 * subscription resumes is its owner's call.
 */
export class WatchplaneConnection {
  readonly #backoff: BackoffPolicy
  readonly #socket: ReconnectingSocket
  readonly #entries = new Set<SubscriptionEntry>()
  readonly #byWireId = new Map<string, SubscriptionEntry>()
  readonly #state$ = new BehaviorSubject<ConnectionState>('connecting')
  readonly #errors$ = new Subject<Error>()
  #lastWireId = 0
  #closing: Promise<void> | undefined

  readonly state$: Observable<ConnectionState> = this.#state$.asObservable()
  /** protocol errors and failures to create a socket; a subscription's errors go to its owner */
  readonly errors$: Observable<Error> = this.#errors$.asObservable()

  constructor(options: ConnectionOptions) {
    this.#backoff = { ...DEFAULT_BACKOFF, ...options.backoff }
    const protocols = [MULTIPLEX_PROTOCOL, ...(options.bearerToken === undefined ? [] : [bearerTokenProtocol(options.bearerToken)])]
    const request = { url: multiplexUrl(options.url), protocols, origin: options.origin ?? new URL(options.url).origin, ...(options.tls ? { tls: options.tls } : {}) }
    this.#socket = new ReconnectingSocket(request, { factory: options.webSocketFactory ?? defaultWebSocketFactory, backoff: this.#backoff }, {
      onOpen: () => this.#onOpen(),
      onMessage: (data) => this.#onMessage(data),
      onDisconnect: () => this.#onDisconnect(),
      onError: (error) => this.#errors$.next(error),
    })
  }

  /** sockets opened so far: 1 plus the reconnects */
  get openCount(): number {
    return this.#socket.openCount
  }

  /** a new informer on this connection; it starts listing at once */
  informer<T extends KubeObject = KubeObject>(options: InformerOptions): Informer<T> {
    return new Informer<T>(this, options)
  }

  subscribe(request: SubscriptionRequest, owner: SubscriptionOwner): SubscriptionHandle {
    if (this.#closing) {
      owner.onEnd()
      return { close: () => {} }
    }
    const entry: SubscriptionEntry = { request, owner, wireId: undefined, subscribedAtMs: 0, hasDelivered: false, quickEnds: 0, resubscribeTimer: undefined }
    this.#entries.add(entry)
    this.#send(entry)
    return { close: () => this.#end(entry) }
  }

  /** ends every subscription (its owner's Observables complete) and the socket */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      for (const entry of [...this.#entries]) this.#end(entry)
      await this.#socket.close()
      this.#state$.next('closed')
      this.#state$.complete()
      this.#errors$.complete()
    })()
    return this.#closing
  }

  #onOpen(): void {
    this.#state$.next('open')
    for (const entry of this.#entries) this.#send(entry)
  }

  #onDisconnect(): void {
    this.#byWireId.clear()
    for (const entry of this.#entries) {
      clearTimeout(entry.resubscribeTimer)
      entry.wireId = undefined
    }
    if (!this.#closing) this.#state$.next('connecting')
  }

  #onMessage(data: unknown): void {
    const message = parseServerMessage(data)
    if (!message) return this.#errors$.next(new Error(`unexpected message from the server: ${String(data).slice(0, 200)}`))
    if (message.type === 'ERROR' && message.id === '') return this.#errors$.next(new StatusError(message.object))
    const entry = this.#byWireId.get(message.id)
    if (!entry) return // a subscription this client already left
    if (message.type === 'CLOSED') return this.#onSubscriptionClosed(entry)
    if (message.type !== 'ERROR') entry.hasDelivered = true
    entry.owner.onMessage(message as Exclude<ServerMessage, { type: 'CLOSED' }>)
  }

  /** the server ended it (timeout, 410, refusal): again at once, with backoff if it keeps ending at once */
  #onSubscriptionClosed(entry: SubscriptionEntry): void {
    if (entry.wireId !== undefined) this.#byWireId.delete(entry.wireId)
    entry.wireId = undefined
    const isQuickEnd = !entry.hasDelivered && Date.now() - entry.subscribedAtMs < QUICK_END_MS
    entry.quickEnds = isQuickEnd ? entry.quickEnds + 1 : 0
    // The first quick end is often a 410, whose relist should not wait.
    const delayMs = entry.quickEnds <= 1 ? 0 : backoffDelayMs(entry.quickEnds - 2, this.#backoff)
    entry.resubscribeTimer = setTimeout(() => this.#send(entry), delayMs)
  }

  #send(entry: SubscriptionEntry): void {
    if (!this.#socket.isOpen || !this.#entries.has(entry) || entry.wireId !== undefined) return
    const { target, timeoutSeconds } = entry.request
    const id = `${target.resource.slice(0, 100)}.${++this.#lastWireId}`
    const message: SubscribeMessage = { type: 'subscribe', id, ...target, ...entry.owner.nextStart(), allowWatchBookmarks: true, timeoutSeconds }
    entry.wireId = id
    entry.subscribedAtMs = Date.now()
    entry.hasDelivered = false
    this.#byWireId.set(id, entry)
    this.#socket.send(JSON.stringify(message))
  }

  #end(entry: SubscriptionEntry): void {
    if (!this.#entries.delete(entry)) return
    clearTimeout(entry.resubscribeTimer)
    if (entry.wireId !== undefined) {
      this.#byWireId.delete(entry.wireId)
      this.#socket.send(JSON.stringify({ type: 'unsubscribe', id: entry.wireId }))
    }
    entry.owner.onEnd()
  }
}

import type { ServerMessage, WatchStart, WatchTarget } from './multiplex-messages.js'

/** The owner of one subscription on a connection (an informer): where to start, what arrived. */
export interface SubscriptionOwner {
  /** asked before every (re)subscribe: resume after a resourceVersion, or list again */
  nextStart(): WatchStart
  /** an event or ERROR of the current subscription, in order */
  onMessage(message: Exclude<ServerMessage, { type: 'CLOSED' }>): void
  /** the subscription is over for good: its handle or its connection was closed */
  onEnd(): void
}

export interface SubscriptionRequest {
  target: WatchTarget
  /** the server ends each subscription after this long; it is then resumed from the last resourceVersion */
  timeoutSeconds?: number
}

export interface SubscriptionHandle {
  /** unsubscribes and ends the owner; idempotent */
  close(): void
}

/** The connection's books on one subscription, across the wire ids it has had. */
export interface SubscriptionEntry {
  readonly request: SubscriptionRequest
  readonly owner: SubscriptionOwner
  /** the id of the subscription open on the current socket; a fresh one per subscribe */
  wireId: string | undefined
  subscribedAtMs: number
  hasDelivered: boolean
  /** subscriptions in a row that ended quickly without an event (refused, failing): drives the backoff */
  quickEnds: number
  resubscribeTimer: ReturnType<typeof setTimeout> | undefined
}

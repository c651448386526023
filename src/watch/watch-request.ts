import type { Revision } from '../api/resource-version.js'
import type { Matcher } from './event-type.js'
import type { WatchFormat } from './watch-format.js'

/** One watch as the client asked for it, parsed and resolved at the edge. */
export interface WatchRequest {
  /** storage key of the resource type */
  resource: string
  /** undefined watches every namespace */
  namespace: string | undefined
  /** kind and apiVersion for BOOKMARK objects */
  kind: string
  apiVersion: string
  filter: Matcher
  format: WatchFormat
  /** events after this revision; undefined starts with the current state as ADDED events */
  fromRevision: Revision | undefined
  /** streaming list: initial state, then a bookmark marked k8s.io/initial-events-end */
  sendInitialEvents: boolean
  allowBookmarks: boolean
  /** the as-of view: the state at this revision as ADDED events, then nothing (the past does not change) */
  frozenAt?: Revision
  /** end the watch after this long; undefined never ends it (kubectl get -w must not exit) */
  timeoutMs: number | undefined
}

export interface WatchLimits {
  /** frames buffered for a slow client before it is switched to catching up from the log */
  maxQueuedFrames: number
  bookmarkIntervalMs: number
  /** log rows read per catch-up step */
  catchUpPageRows: number
}

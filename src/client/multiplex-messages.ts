import type { KubeObject, Status } from '../api/types.js'

/** What to watch: the resource of a watch URL, as in docs/multiplexed-watch.md. */
export interface WatchTarget {
  /** API group; omit or '' for the core group */
  group?: string
  version: string
  /** plural resource name, e.g. 'configmaps' */
  resource: string
  /** omit to watch every namespace */
  namespace?: string
  labelSelector?: string
  fieldSelector?: string
}

/** Where a subscription starts: after a resourceVersion, or with the current state (streaming list). */
export type WatchStart = { resourceVersion: string } | { sendInitialEvents: true }

export interface SubscribeMessage extends WatchTarget {
  type: 'subscribe'
  id: string
  resourceVersion?: string
  sendInitialEvents?: boolean
  allowWatchBookmarks: true
  timeoutSeconds?: number
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'

/** One server message, already sorted by kind. */
export type ServerMessage =
  | { id: string; type: WatchEventType; object: KubeObject }
  | { id: string; type: 'ERROR'; object: Status }
  | { id: string; type: 'CLOSED' }

export const INITIAL_EVENTS_END_ANNOTATION = 'k8s.io/initial-events-end'

const KNOWN_TYPES = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR', 'CLOSED'])

/** Parses one text message; undefined for anything that is not a message of the protocol. */
export function parseServerMessage(data: unknown): ServerMessage | undefined {
  if (typeof data !== 'string') return undefined
  let message: unknown
  try {
    message = JSON.parse(data)
  } catch {
    return undefined
  }
  if (typeof message !== 'object' || message === null) return undefined
  const { id, type, object } = message as { id?: unknown; type?: unknown; object?: unknown }
  if (typeof id !== 'string' || typeof type !== 'string' || !KNOWN_TYPES.has(type)) return undefined
  if (type !== 'CLOSED' && (typeof object !== 'object' || object === null)) return undefined
  return message as ServerMessage
}

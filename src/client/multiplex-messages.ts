import type { SubscribeMessage as WireSubscribeMessage, WatchTarget } from '../api/multiplex-protocol.js'
import type { KubeObject, Status } from '../api/types.js'

export type { WatchTarget }

/** Where a subscription starts: after a resourceVersion, or with the current state (streaming list). */
export type WatchStart = { resourceVersion: string } | { sendInitialEvents: true }

/** The informer always asks for bookmarks: they advance its resume point. */
export interface SubscribeMessage extends WireSubscribeMessage {
  allowWatchBookmarks: true
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'

/** One server message, already sorted by kind. */
export type ServerMessage =
  | { id: string; type: WatchEventType; object: KubeObject }
  | { id: string; type: 'ERROR'; object: Status }
  | { id: string; type: 'CLOSED' }


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

import { INITIAL_EVENTS_END_ANNOTATION } from '../api/multiplex-protocol.js'
import type { Revision } from '../api/resource-version.js'
import type { Status } from '../api/types.js'
import { controlFrame } from './encoded-change.js'
import type { WatchRequest } from './watch-request.js'

/** BOOKMARK: only a resourceVersion, in an object of the watched kind (k8s watch bookmarks). */
export function bookmarkFrame(request: WatchRequest, revision: Revision, isInitialEventsEnd = false): Buffer {
  const metadata = {
    resourceVersion: String(revision),
    ...(isInitialEventsEnd ? { annotations: { [INITIAL_EVENTS_END_ANNOTATION]: 'true' } } : {}),
  }
  return controlFrame('BOOKMARK', JSON.stringify({ kind: request.kind, apiVersion: request.apiVersion, metadata }))
}

/** ERROR carrying a Status: the 410 a watch from a compacted revision gets before its stream ends. */
export function errorFrame(status: Status): Buffer {
  return controlFrame('ERROR', JSON.stringify(status))
}

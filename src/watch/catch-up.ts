import type { Revision } from '../api/resource-version.js'
import type { Storage } from '../storage/storage.js'
import { changeFromEvent } from './change.js'
import { EncodedChange } from './encoded-change.js'
import { initialStateChange } from './initial-state.js'
import type { WatchRequest } from './watch-request.js'

/** One page of the log after `afterRevision`, for this watch's resource and namespace. */
export function readLogPage(storage: Storage, request: WatchRequest, afterRevision: Revision, limit: number): EncodedChange[] {
  const events = storage.readEvents({
    afterRevision,
    upToRevision: storage.currentRevision(),
    resource: request.resource,
    ...(request.namespace === undefined ? {} : { namespace: request.namespace }),
    limit,
  })
  const readPrevious = (revision: Revision) => storage.readEvent(revision)?.json
  return events.map((event) => new EncodedChange(changeFromEvent(event, readPrevious)))
}

/** One page of the state at `atRevision`, as ADDED changes, after the given key. */
export function readStatePage(
  storage: Storage,
  request: WatchRequest,
  page: { atRevision: Revision; after?: { namespace: string; name: string }; limit: number },
): EncodedChange[] {
  const rows = storage.list({
    resource: request.resource,
    ...(request.namespace === undefined ? {} : { namespace: request.namespace }),
    ...page,
  })
  return rows.map((row) => new EncodedChange(initialStateChange(row)))
}

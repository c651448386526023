import type { Revision } from '../api/resource-version.js'
import type { Storage } from '../storage/storage.js'
import { EncodedChange } from './encoded-change.js'
import { initialStateChange } from './initial-state.js'
import type { WatchRequest } from './watch-request.js'

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

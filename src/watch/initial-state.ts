import type { Revision } from '../api/resource-version.js'
import type { KubeObject } from '../api/types.js'
import type { StorageReader, StoredObject } from '../storage/storage.js'
import { once, type Change } from './change.js'
import { EncodedChange } from './encoded-change.js'
import type { WatchRequest } from './watch-request.js'

/** A snapshot row as a synthetic ADDED change (watch without resourceVersion, streaming lists). */
function initialStateChange(row: StoredObject): Change {
  return {
    revision: row.revision,
    type: 'ADDED',
    namespace: row.key.namespace,
    name: row.key.name,
    objectJson: row.json,
    object: once(() => JSON.parse(row.json) as KubeObject),
    previous: () => undefined,
  }
}

/** One page of the state at `atRevision` (the newest without it), as ADDED changes, after the given key; and the revision it shows. */
export async function readStatePage(
  storage: StorageReader,
  request: WatchRequest,
  page: { atRevision: Revision | undefined; after: { namespace: string; name: string } | undefined; limit: number },
): Promise<{ revision: Revision; changes: EncodedChange[] }> {
  const read = await storage.list({
    resource: request.resource,
    ...(request.namespace === undefined ? {} : { namespace: request.namespace }),
    ...(page.atRevision === undefined ? {} : { atRevision: page.atRevision }),
    ...(page.after === undefined ? {} : { after: page.after }),
    limit: page.limit,
  })
  return { revision: read.revision, changes: read.objects.map((row) => new EncodedChange(initialStateChange(row))) }
}

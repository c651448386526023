import type { Revision } from '../../api/resource-version.js'
import type { JoinedObjects, ListPage, ListRequest, StoredObject } from '../storage.js'
import type { SnapshotPage } from './snapshot.js'

/** Where a list's pages are read at a revision: the snapshot (which is at it), or the log (history.ts). */
export interface PageSource {
  page(request: SnapshotPage, at: Revision): StoredObject[]
  /** the same page as JSON array items joined by SQLite; undefined when no object follows */
  joinedPage(request: SnapshotPage, at: Revision): JoinedObjects | undefined
}

/** One page of a list at `revision`: joined when the request allows it, else object by object. */
export function readListPage(source: PageSource, request: ListRequest, revision: Revision): ListPage {
  if (!request.shouldJoin) return { revision, objects: source.page(request, revision) }
  const joined = source.joinedPage(request, revision)
  return { revision, objects: [], ...(joined ? { joined } : {}) }
}

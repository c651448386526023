import { asRevision, type Revision } from '../api/resource-version.js'
import type { StorageReader, StoredEvent } from '../storage/storage.js'

/** What `replay` and the timeline read: the log between two revisions, optionally narrowed. */
export interface ChangeFeedRequest {
  fromRevision: Revision
  /** inclusive; defaults to the newest (a later one reads up to the newest: the feed is what exists) */
  toRevision?: Revision
  /** storage key of a resource type: `pods`, `apps/deployments` */
  resource?: string
  namespace?: string
}

export interface ChangeRecord {
  revision: number
  /** RFC 3339 with milliseconds */
  committedAt: string
  type: StoredEvent['type']
  resource: string
  namespace: string
  name: string
  /** the object as stored: the feed never parses it, its readers mostly pass it on */
  objectJson: string
}

/** One change as JSON, `{…,"object":{…}}`, with the stored object bytes spliced in as they are. */
export function changeRecordJson(change: ChangeRecord): string {
  const { objectJson, ...fields } = change
  return `${JSON.stringify(fields).slice(0, -1)},"object":${objectJson}}`
}

const PAGE_ROWS = 1000

/**
 * The log as a lazy sequence of changes, page by page, so a long replay never sits in memory.
 * Below the compacted revision it holds what compaction kept: each key's last state then.
 */
export async function* changeFeed(storage: StorageReader, request: ChangeFeedRequest): AsyncGenerator<ChangeRecord> {
  const current = storage.currentRevision()
  const upTo = asRevision(Math.min(request.toRevision ?? current, current))
  let after = asRevision(Math.max(0, request.fromRevision - 1))
  for (;;) {
    const page = await storage.readEvents({
      afterRevision: after, upToRevision: upTo, limit: PAGE_ROWS, belowCompaction: 'retained',
      ...(request.resource ? { resource: request.resource } : {}),
      ...(request.resource && request.namespace !== undefined ? { namespace: request.namespace } : {}),
    })
    for (const event of page) {
      after = event.revision
      if (request.namespace !== undefined && event.key.namespace !== request.namespace) continue
      yield {
        revision: event.revision, committedAt: new Date(event.committedAtMs).toISOString(), type: event.type,
        ...event.key, objectJson: event.json,
      }
    }
    if (page.length < PAGE_ROWS) return
  }
}

import { asRevision } from '../../api/resource-version.js'
import type { Commit } from '../../commits/commit.js'
import type { StoredEvent, StoredObject } from '../storage.js'

/**
 * Rows of the log whose revision is in (after, upTo]: the condition on partition_revision lets
 * PostgreSQL skip every older range partition (events_retained holds the rows compaction kept).
 */
export const REVISION_RANGE = (after: string, upTo: string) =>
  `e.revision > ${after} AND e.revision <= ${upTo} AND (e.partition_revision = 0 OR (e.partition_revision > ${after} AND e.partition_revision <= ${upTo}))`

/** The previous state of each row, by its primary key, in the same statement. */
export const PREVIOUS_JOIN = `LEFT JOIN LATERAL (
    SELECT p.object FROM events p WHERE p.revision = e.prev_revision AND (p.partition_revision = e.prev_revision OR p.partition_revision = 0)
  ) prev ON true`

/**
 * A commit read back from the log, as the writing replica published it. The object is parsed
 * only if a subscriber asks for it: the hub frames the stored JSON as it is.
 */
export function commitOf(event: StoredEvent): Commit {
  let object: Commit['object'] | undefined
  return {
    revision: event.revision,
    type: event.type,
    ...event.key,
    objectJson: event.json,
    get object() {
      return (object ??= JSON.parse(event.json))
    },
    previousJson: event.previousJson,
  }
}

export const toStoredObject = (resource: string, row: { namespace: string; name: string; revision: number; object: string }): StoredObject => ({
  key: { resource, namespace: row.namespace, name: row.name },
  revision: asRevision(row.revision),
  json: row.object,
})

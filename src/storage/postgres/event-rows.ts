import { asRevision } from '../../api/resource-version.js'
import type { Commit, CommitType } from '../../commits/commit.js'
import type { HistoryEntry, StoredEvent, StoredObject } from '../storage.js'

/** An events row as the reads select it. */
export interface EventRow {
  revision: number
  type: CommitType
  resource: string
  namespace: string
  name: string
  object: string
  prev_revision: number | null
  committed_at: number
  /** only when the read joined the previous row */
  prev_object?: string | null
}

export interface HistoryRow extends EventRow {
  verb: string
  field_manager: string | null
  user_agent: string | null
  username: string | null
}

export const EVENT_COLUMNS = 'e.revision, e.type, e.resource, e.namespace, e.name, e.object, e.prev_revision, e.committed_at'

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

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    revision: asRevision(row.revision),
    type: row.type,
    key: { resource: row.resource, namespace: row.namespace, name: row.name },
    json: row.object,
    prevRevision: row.prev_revision === null ? undefined : asRevision(row.prev_revision),
    ...(row.prev_object ? { previousJson: row.prev_object } : {}),
    committedAtMs: row.committed_at,
  }
}

export function toHistoryEntry(row: HistoryRow): HistoryEntry {
  return {
    ...toStoredEvent(row),
    audit: {
      verb: row.verb,
      ...(row.field_manager ? { fieldManager: row.field_manager } : {}),
      ...(row.user_agent ? { userAgent: row.user_agent } : {}),
      ...(row.username ? { username: row.username } : {}),
    },
  }
}

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

import { asRevision } from '../api/resource-version.js'
import type { CommitType } from '../commits/commit.js'
import type { HistoryEntry, StoredEvent } from './storage.js'

// The events table's rows as both storages select them (SQLite and PostgreSQL share its columns).

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

import fastJsonPatch from 'fast-json-patch'
import { asRevision, type Revision } from '../api/resource-version.js'
import type { KubeObject } from '../api/types.js'
import type { HistoryEntry, ObjectKey, StorageReader } from '../storage/storage.js'

/** One revision of one object, with who made it and what changed since the previous one. */
export interface ObjectRevision {
  revision: number
  type: 'ADDED' | 'MODIFIED' | 'DELETED'
  committedAt: string
  verb: string
  fieldManager?: string
  userAgent?: string
  username?: string
  object: KubeObject
  /** RFC 6902 operations turning the previous revision into this one; empty for the first */
  diff: fastJsonPatch.Operation[]
}

const PAGE_ROWS = 500

// Every revision changes resourceVersion (and often managedFields times): noise in a diff.
const isNoise = (op: fastJsonPatch.Operation) => op.path === '/metadata/resourceVersion' || /^\/metadata\/managedFields\/\d+\/time$/.test(op.path)

function toRevision(entry: HistoryEntry, previous: KubeObject | undefined): ObjectRevision {
  const object = JSON.parse(entry.json) as KubeObject
  const diff = previous && entry.type !== 'ADDED' ? fastJsonPatch.compare(previous, object).filter((op) => !isNoise(op)) : []
  return {
    revision: entry.revision,
    type: entry.type,
    committedAt: new Date(entry.committedAtMs).toISOString(),
    ...entry.audit,
    object,
    diff,
  }
}

/**
 * Every retained revision of one object, oldest first, including deletions and re-creations (below
 * the compacted revision, only those compaction kept: its last state then, unless deleted),
 * each with a JSON diff against the one before it (`watchplane history`, /watchplane/v1/history).
 */
export async function objectHistory(storage: StorageReader, key: ObjectKey, limit = 10_000): Promise<ObjectRevision[]> {
  const revisions: ObjectRevision[] = []
  let after = asRevision(0) as Revision
  let previous: KubeObject | undefined
  while (revisions.length < limit) {
    const page = await storage.history(key, { afterRevision: after, limit: Math.min(PAGE_ROWS, limit - revisions.length), belowCompaction: 'retained' })
    for (const entry of page) {
      const revision = toRevision(entry, previous)
      revisions.push(revision)
      previous = entry.type === 'DELETED' ? undefined : revision.object
      after = entry.revision
    }
    if (page.length < PAGE_ROWS) break
  }
  return revisions
}

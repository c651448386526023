import type { Database } from 'better-sqlite3'
import { asRevision } from '../../api/resource-version.js'
import { BundleError, LOG_COLUMNS, type LogRow } from '../bundle/bundle-format.js'
import type { LogSink, LogSource } from '../bundle/log-archive.js'
import { newestRevision, readCompactedRevision, recordCompactedRevision } from './compaction.js'
import { EventLog } from './event-log.js'
import { Snapshot } from './snapshot.js'
import { boundLimit } from './bound-limit.js'

/** A SQLite database's log, read in one read transaction (WAL: beside a running server, never blocking it). */
export function sqliteLogSource(db: Database): LogSource {
  const page = db.prepare(`SELECT ${LOG_COLUMNS.join(', ')} FROM events WHERE revision > ? ORDER BY revision ${boundLimit()}`)
  return {
    inSnapshot: async (body) => {
      db.exec('BEGIN')
      try {
        return await body({
          currentRevision: newestRevision(db),
          compactedRevision: readCompactedRevision(db),
          eventCount: db.prepare('SELECT count(*) FROM events').pluck().get() as number,
          rowsAfter: async (revision, limit) => page.all(revision, limit) as LogRow[],
        })
      } finally {
        db.exec('COMMIT')
      }
    },
  }
}

/**
 * An empty SQLite database filled the way the commit path writes: log row (its key and
 * key_revisions row with it; rows come in revision order, so a key's first retained row names it),
 * snapshot, one transaction per batch of rows. Its newest revision is its newest row, or the compaction point
 * if compaction removed that row, which is what every exporter's header says.
 */
export function sqliteLogSink(db: Database): LogSink {
  const log = new EventLog(db)
  const snapshot = new Snapshot(db)
  const writeRows = db.transaction((rows: readonly LogRow[]) => {
    for (const row of rows) {
      const key = { resource: row.resource, namespace: row.namespace, name: row.name }
      const revision = asRevision(row.revision)
      const audit = { verb: row.verb, fieldManager: row.field_manager ?? undefined, userAgent: row.user_agent ?? undefined, username: row.username ?? undefined }
      const prevRevision = row.prev_revision === null ? undefined : asRevision(row.prev_revision)
      log.append({ revision, type: row.type, key, json: row.object, prevRevision, audit }, row.committed_at)
      if (row.type === 'DELETED') snapshot.delete(key)
      else snapshot.put(key, revision)
    }
  })
  return {
    isEmpty: async () => !db.prepare('SELECT EXISTS (SELECT 1 FROM events) OR EXISTS (SELECT 1 FROM objects)').pluck().get(),
    append: async (rows) => writeRows(rows),
    finish: async ({ currentRevision, compactedRevision }) => {
      recordCompactedRevision(db, asRevision(compactedRevision))
      const newest = newestRevision(db)
      if (newest !== currentRevision) throw new BundleError(`the bundle's newest revision is #${currentRevision}, but its rows and compaction point end at #${newest}`)
    },
  }
}

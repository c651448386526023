import type { Database } from 'better-sqlite3'
import { Readable, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import { newestRevision, readCompactedRevision } from './compaction.js'

/** The first line of a history bundle. */
export interface BundleHeader {
  kind: 'HistoryBundle'
  formatVersion: typeof BUNDLE_FORMAT_VERSION
  /** the newest revision in the source log */
  currentRevision: number
  /** the source's compaction point: rows at or before it are only those still current then */
  compactedRevision: number
  /** RFC 3339 */
  exportedAt: string
  /** how many event lines follow: a short bundle is refused on import */
  events: number
}

export const BUNDLE_FORMAT_VERSION = 1

/** Every column of the events table, as a bundle line names them. */
export const EVENT_COLUMNS = ['revision', 'resource', 'namespace', 'name', 'type', 'prev_revision', 'verb', 'field_manager', 'user_agent', 'username', 'committed_at', 'object'] as const

const PAGE_ROWS = 500

type EventRow = Record<(typeof EVENT_COLUMNS)[number], string | number | null> & { revision: number; object: string }

// The stored object text goes in as it is, unparsed: it is already JSON, and export stays a copy.
function toLine({ object, ...columns }: EventRow): string {
  return `${JSON.stringify(columns).slice(0, -1)},"object":${object}}\n`
}

/**
 * Writes the retained log as a history bundle to `output`: gzip'd NDJSON, a header line, then one
 * line per events row in revision order. Pages through the rows inside one read transaction, so the
 * bundle is one consistent revision even while a server keeps writing (WAL), in bounded memory.
 */
export async function exportBundle(db: Database, output: Writable, nowMs = Date.now()): Promise<BundleHeader> {
  const page = db.prepare(`SELECT ${EVENT_COLUMNS.join(', ')} FROM events WHERE revision > ? ORDER BY revision LIMIT ?`)
  db.exec('BEGIN')
  try {
    const count = db.prepare('SELECT count(*) FROM events').pluck().get() as number
    const current = newestRevision(db)
    const header: BundleHeader = {
      kind: 'HistoryBundle',
      formatVersion: BUNDLE_FORMAT_VERSION,
      currentRevision: current,
      compactedRevision: readCompactedRevision(db),
      exportedAt: new Date(nowMs).toISOString(),
      events: count,
    }
    async function* lines(): AsyncGenerator<string> {
      yield `${JSON.stringify(header)}\n`
      for (let after = 0; ;) {
        const rows = page.all(after, PAGE_ROWS) as EventRow[]
        if (rows.length === 0) return
        yield rows.map(toLine).join('')
        after = rows.at(-1)!.revision
      }
    }
    await pipeline(Readable.from(lines()), createGzip(), output)
    return header
  } finally {
    db.exec('COMMIT')
  }
}

import type { Database as SqliteDatabase } from 'better-sqlite3'
import { History } from './history.js'
import { connect } from './open-database.js'

/** how much of the file history reads map (SQLite caps it at its build's limit, ~2 GB): address space, not memory */
const MAPPED_BYTES = 2 ** 31

/**
 * The connection reads at a past revision (history.ts) go through: on a file, a read-only one
 * of their own with the file memory-mapped. Such a read seeks each key's newest event in
 * key_revisions, one leaf page per key that no page cache of ours holds (10k keys 1M events: ~13 MB
 * of index; ~40 MB when it was events_by_key, where the figures below were measured). Through the
 * map a page is a pointer instead of a pread() copied into the cache: the 10k-key list 1M events
 * back costs ~30% less CPU. The main connection keeps plain reads and
 * its bounded cache (open-database.ts), so lists of the current state and writes are as before.
 * The mapped pages are the OS page cache's own (no copy, no memory of ours), but the kernel maps
 * the cached pages around each one touched, so once history is read the process' RSS counts much
 * of the file (RssFile; 10k keys 1M events back: ~450 MB of a 590 MB file, RssAnon unchanged).
 * So the mapped connection closes once history has not been read for a while (HistoryReader):
 * a debugging session's reads stay fast, and the RSS a user sees falls back when it ends.
 * An in-memory database has one connection, used as it is.
 *
 * Reading beside the writer is safe: SQLite's WAL gives each statement the last committed state,
 * and storage only asks for revisions already committed when it asks.
 */
export function openHistoryConnection(db: SqliteDatabase): SqliteDatabase {
  if (db.memory) return db
  const reader = connect(db.name, { readonly: true, fileMustExist: true })
  reader.pragma('busy_timeout = 5000')
  reader.pragma(`mmap_size = ${MAPPED_BYTES}`)
  return reader
}

/** how long the mapped connection stays open after the last read at a past revision */
const IDLE_CLOSE_MS = 30_000

/** Reads at past revisions, through the connection above: opened on the first, closed when idle. */
export class HistoryReader {
  #open: { history: History; db: SqliteDatabase } | undefined
  #lastReadMs = 0
  #idleTimer: NodeJS.Timeout | undefined

  constructor(private readonly db: SqliteDatabase, private readonly idleCloseMs = IDLE_CLOSE_MS) {}

  /** the History to read through now; better-sqlite3 reads are synchronous, so no read outlives the turn it ran in */
  history(): History {
    this.#lastReadMs = performance.now()
    if (!this.#open) {
      const db = openHistoryConnection(this.db)
      this.#open = { history: new History(db), db }
      this.#idleTimer = setInterval(() => this.#closeIfIdle(), this.idleCloseMs).unref()
    }
    return this.#open.history
  }

  close(): void {
    clearInterval(this.#idleTimer)
    if (this.#open && this.#open.db !== this.db) this.#open.db.close()
    this.#open = undefined
  }

  #closeIfIdle(): void {
    if (performance.now() - this.#lastReadMs >= this.idleCloseMs) this.close()
  }
}

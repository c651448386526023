import Database from 'better-sqlite3'
import type { Database as SqliteDatabase } from 'better-sqlite3'

/** how much of the file history reads map (SQLite caps it at its build's limit, ~2 GB): address space, not memory */
const MAPPED_BYTES = 2 ** 31

/**
 * The connection reads at a past revision (history.ts) go through: on a file, a read-only one
 * of their own with the file memory-mapped. Such a read seeks each key's newest event in
 * events_by_key, one leaf page per key that no page cache of ours holds (10k keys: ~40 MB of
 * index). Through the map a page is a pointer instead of a pread() copied into the cache: the
 * 10k-key list 1M events back costs ~30% less CPU. The main connection keeps plain reads and
 * its bounded cache (open-database.ts), so lists of the current state and writes are as before.
 * The mapped pages are the OS page cache's own (no copy, no memory of ours), but the kernel maps
 * the cached pages around each one touched, so once history is read the process' RSS counts much
 * of the file (RssFile; 10k keys 1M events back: ~450 MB of a 590 MB file, RssAnon unchanged).
 * An in-memory database has one connection, used as it is.
 *
 * Reading beside the writer is safe: SQLite's WAL gives each statement the last committed state,
 * and storage only asks for revisions already committed when it asks.
 */
export function openHistoryConnection(db: SqliteDatabase): SqliteDatabase {
  if (db.memory) return db
  const reader = new Database(db.name, { readonly: true, fileMustExist: true })
  reader.pragma('busy_timeout = 5000')
  reader.pragma(`mmap_size = ${MAPPED_BYTES}`)
  return reader
}

import Database from 'better-sqlite3'
import type { Database as SqliteDatabase } from 'better-sqlite3'
import { applyMigrations } from './migrate.js'

export type Durability = 'full' | 'normal' | 'off'

export interface OpenDatabaseOptions {
  /** file path, or ':memory:' */
  path: string
  /** FULL fsyncs the WAL on every commit: an acknowledged write survives power loss */
  durability: Durability
  /** a Checkpointer does the WAL checkpoints, off the event loop; otherwise SQLite does them in commits */
  isCheckpointedElsewhere?: boolean
}

/** Opens the database with the pragmas the write path depends on, and migrates it. */
export function openDatabase(options: OpenDatabaseOptions): SqliteDatabase {
  const db = new Database(options.path)
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${options.durability.toUpperCase()}`)
  db.pragma('busy_timeout = 5000')
  // 16 MiB of page cache: hot snapshot pages stay in memory without the cache dominating RSS
  // (it counts toward the process' memory, and a 100k-object list must not cost 64 MB).
  db.pragma('cache_size = -16384')
  db.pragma('temp_store = MEMORY')
  if (options.isCheckpointedElsewhere) db.pragma('wal_autocheckpoint = 0')
  applyMigrations(db)
  return db
}

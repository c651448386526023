import { createRequire } from 'node:module'
import Database from 'better-sqlite3'
import type { Database as SqliteDatabase, Options } from 'better-sqlite3'
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

// better-sqlite3 finds its addon through the `bindings` package, which tries a dozen paths with
// require(): at start that is most of what node's module loader does, and from inside the bundle
// (dist/, where better-sqlite3's JavaScript is bundled) it would search our package, not better-sqlite3's.
// Both its install paths (prebuild-install, node-gyp) put the addon in build/Release; a debug build in build/Debug.
const RELEASE_ADDON = 'better-sqlite3/build/Release/better_sqlite3.node'
const DEBUG_ADDON = 'better-sqlite3/build/Debug/better_sqlite3.node'
let nativeBinding: string | undefined

function resolveAddon(): string {
  const require = createRequire(import.meta.url)
  try {
    return require.resolve(RELEASE_ADDON)
  } catch (error) {
    try {
      return require.resolve(DEBUG_ADDON)
    } catch {
      throw error
    }
  }
}
const addonPath = () => (nativeBinding ??= resolveAddon())

/** A better-sqlite3 connection, its addon loaded from where better-sqlite3 builds it. */
export const connect = (path: string, options: Options = {}): SqliteDatabase => new Database(path, { ...options, nativeBinding: addonPath() })

/** Opens the database with the pragmas the write path depends on, and migrates it. */
export function openDatabase(options: OpenDatabaseOptions): SqliteDatabase {
  const db = connect(options.path)
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

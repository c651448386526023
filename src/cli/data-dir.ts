import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import type { Database as SqliteDatabase } from 'better-sqlite3'
import { databasePathIn } from '../config/package-dir.js'
import { CliError } from './cli-error.js'
import { connect } from '../storage/sqlite/open-database.js'

const REQUIRED_TABLES = ['events', 'objects', 'object_keys', 'key_revisions', 'meta']



/**
 * Opens a data dir's database read-only, beside a running server if there is one: in WAL mode
 * readers see the last committed revision and never block the writer. Runs no migrations, so an
 * older schema is refused rather than upgraded behind the server's back.
 */
export function openReadOnlyDatabase(dataDir: string): SqliteDatabase {
  if (dataDir === ':memory:') throw new CliError('--data-dir :memory: keeps nothing to read')
  const path = databasePathIn(dataDir)
  if (!existsSync(path)) throw new CliError(`no watchplane database at ${path} (pass --data-dir or set WATCHPLANE_DATA_DIR)`)
  const db = connect(path, { readonly: true, fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]
  const missing = REQUIRED_TABLES.filter((table) => !tables.includes(table))
  if (missing.length > 0) {
    db.close()
    throw new CliError(`${path} has no ${missing.join(', ')} table: not a watchplane database, or one from an older version (serve it once to migrate it)`)
  }
  return db
}

/** Creates the data dir if needed; refuses one that holds anything, so an import never mixes with other state. */
export function prepareEmptyDataDir(dataDir: string): void {
  if (dataDir === ':memory:') throw new CliError('--data-dir :memory: would keep nothing; import into a directory')
  if (!existsSync(dataDir)) return void mkdirSync(dataDir, { recursive: true })
  if (!statSync(dataDir).isDirectory()) throw new CliError(`${dataDir} is not a directory`)
  const entries = readdirSync(dataDir)
  if (entries.length > 0) {
    const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? ', …' : '')
    throw new CliError(`refusing to import into ${dataDir}: it is not empty (${shown}); import needs a fresh data dir`)
  }
}

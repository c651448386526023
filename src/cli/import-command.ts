import { createReadStream, existsSync, linkSync, rmSync } from 'node:fs'
import type { Readable, Writable } from 'node:stream'
import { DEFAULT_CONFIG, postgresUrlOf } from '../config/config.js'
import type { ImportOptions } from '../config/flags.js'
import { BundleError, type BundleHeader } from '../storage/bundle/bundle-format.js'
import { importBundle } from '../storage/bundle/import-bundle.js'
import { openPgLogSink } from '../storage/postgres/pg-log-archive.js'
import { openPool } from '../storage/postgres/pg-pool.js'
import { openDatabase } from '../storage/sqlite/open-database.js'
import { sqliteLogSink } from '../storage/sqlite/sqlite-log-archive.js'
import { CliError } from './cli-error.js'
import { databasePathIn } from '../config/package-dir.js'
import { prepareEmptyDataDir } from './data-dir.js'

const removeDatabaseFiles = (path: string) => ['', '-wal', '-shm'].forEach((suffix) => rmSync(path + suffix, { force: true }))

/**
 * Into a data dir: the database is built under a temporary name and linked into place only when
 * complete, so a failed import leaves the dir as it was and a server started meanwhile never sees
 * half a history.
 */
async function importIntoDataDir(dataDir: string, input: Readable): Promise<BundleHeader> {
  prepareEmptyDataDir(dataDir)
  const path = databasePathIn(dataDir)
  const buildingPath = `${path}.importing`
  // Large transactions, synced at the checkpoint when the database closes (WAL + NORMAL).
  const db = openDatabase({ path: buildingPath, durability: 'normal' })
  try {
    const header = await importBundle(sqliteLogSink(db), input)
    db.close() // checkpoints the WAL into the file, which then stands alone
    linkSync(buildingPath, path) // unlike rename, fails rather than replace a database that appeared meanwhile
    removeDatabaseFiles(buildingPath)
    return header
  } catch (error) {
    if (db.open) db.close()
    removeDatabaseFiles(buildingPath)
    throw error
  }
}

/** Into an empty PostgreSQL database, before any replica runs on it; new partitions take the default size. */
async function importIntoPostgres(url: string, input: Readable): Promise<BundleHeader> {
  const pool = openPool({ url, maxConnections: 2, onError: () => {} })
  try {
    return await importBundle(await openPgLogSink(pool, DEFAULT_CONFIG.postgresPartitionRevisions), input)
  } finally {
    await pool.end()
  }
}

/** `watchplane import`: a bundle into an empty data dir, or an empty PostgreSQL database (`--storage`). */
export async function runImport(options: ImportOptions, stdin: Readable, stderr: Writable): Promise<void> {
  if (options.in !== '-' && !existsSync(options.in)) throw new CliError(`no bundle at ${options.in}`)
  const url = postgresUrlOf(options)
  const input = options.in === '-' ? stdin : createReadStream(options.in)
  try {
    const header = url ? await importIntoPostgres(url, input) : await importIntoDataDir(options.dataDir, input)
    const target = url ? 'the PostgreSQL database' : options.dataDir
    stderr.write(`imported ${header.events} events (current revision #${header.currentRevision}, compacted up to #${header.compactedRevision}) into ${target}\n`)
  } catch (error) {
    if (error instanceof BundleError) throw new CliError(`cannot import ${options.in}: ${error.message}`)
    throw error
  }
}

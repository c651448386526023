import { createReadStream, existsSync, linkSync, rmSync } from 'node:fs'
import type { Readable, Writable } from 'node:stream'
import type { ImportOptions } from '../config/flags.js'
import { BundleError, importBundle } from '../storage/sqlite/bundle-import.js'
import { openDatabase } from '../storage/sqlite/open-database.js'
import { CliError } from './cli-error.js'
import { databasePathIn } from '../config/package-dir.js'
import { prepareEmptyDataDir } from './data-dir.js'

const removeDatabaseFiles = (path: string) => ['', '-wal', '-shm'].forEach((suffix) => rmSync(path + suffix, { force: true }))

/**
 * `watchplane import`: a bundle into an empty data dir. The database is built under a temporary
 * name and linked into place only when complete, so a failed import leaves the dir as it was and
 * a server started meanwhile never sees half a history.
 */
export async function runImport(options: ImportOptions, stdin: Readable, stderr: Writable): Promise<void> {
  if (options.in !== '-' && !existsSync(options.in)) throw new CliError(`no bundle at ${options.in}`)
  prepareEmptyDataDir(options.dataDir)
  const path = databasePathIn(options.dataDir)
  const buildingPath = `${path}.importing`
  // Large transactions, synced at the checkpoint when the database closes (WAL + NORMAL).
  const db = openDatabase({ path: buildingPath, durability: 'normal' })
  try {
    const input = options.in === '-' ? stdin : createReadStream(options.in)
    const header = await importBundle(db, input)
    db.close() // checkpoints the WAL into the file, which then stands alone
    linkSync(buildingPath, path) // unlike rename, fails rather than replace a database that appeared meanwhile
    removeDatabaseFiles(buildingPath)
    stderr.write(`imported ${header.events} events (current revision #${header.currentRevision}, compacted up to #${header.compactedRevision}) into ${options.dataDir}\n`)
  } catch (error) {
    if (db.open) db.close()
    removeDatabaseFiles(buildingPath)
    if (error instanceof BundleError) throw new CliError(`cannot import ${options.in}: ${error.message}`)
    throw error
  }
}

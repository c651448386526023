import { postgresUrlOf } from '../config/config.js'
import type { LogSource } from '../storage/bundle/log-archive.js'
import { PgReader } from '../storage/postgres/pg-reader.js'
import { pgLogSource } from '../storage/postgres/pg-log-archive.js'
import { openPool } from '../storage/postgres/pg-pool.js'
import { ReadOnlyStorage } from '../storage/sqlite/read-only-storage.js'
import { sqliteLogSource } from '../storage/sqlite/sqlite-log-archive.js'
import type { StorageReader } from '../storage/storage.js'
import { openReadOnlyDatabase } from './data-dir.js'

/** Where a tool reads: a data dir's SQLite database, or the PostgreSQL log replicas share. */
export interface ToolStorage {
  dataDir: string
  storage: string
}

/** A reader beside running servers, for history and replay: it never writes. */
export async function openToolReader(where: ToolStorage): Promise<StorageReader & { close(): Promise<void> }> {
  const url = postgresUrlOf(where)
  if (url) return PgReader.open({ url, isListening: false, maxConnections: 2 })
  return new ReadOnlyStorage(openReadOnlyDatabase(where.dataDir))
}

/** The log as export reads it, in one snapshot, beside running servers. */
export function openToolLogSource(where: ToolStorage): { source: LogSource; close(): Promise<void> } {
  const url = postgresUrlOf(where)
  if (url) {
    const pool = openPool({ url, maxConnections: 1, onError: () => {} })
    return { source: pgLogSource(pool), close: () => pool.end() }
  }
  const db = openReadOnlyDatabase(where.dataDir)
  return { source: sqliteLogSource(db), close: async () => void db.close() }
}

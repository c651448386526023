import { readdirSync, readFileSync } from 'node:fs'
import { findPackageDir } from '../../config/package-dir.js'
import { inTransaction, type Pool } from './pg-pool.js'

const MIGRATIONS_DIR = findPackageDir(import.meta.url, 'migrations') + '/postgres/'

// Any fixed number: replicas starting together take it in turn, so each migration runs once.
const MIGRATION_LOCK = 0x77617463 // 'watc'

/**
 * Applies every migrations/postgres/NNNN_*.sql not yet applied, in order, all in one transaction
 * under an advisory lock: replicas that start together migrate once, and a failed migration
 * leaves the schema as it was.
 */
export async function applyMigrations(pool: Pool, dir = MIGRATIONS_DIR): Promise<void> {
  const files = readdirSync(dir).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort()
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())')
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations')
    const applied = new Set(rows.map((r) => r.version))
    for (const file of files) {
      const version = Number(file.slice(0, 4))
      if (applied.has(version)) continue
      await client.query(readFileSync(dir + file, 'utf8'))
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version])
    }
  })
}

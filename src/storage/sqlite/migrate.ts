import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import { findPackageDir } from '../../config/package-dir.js'

const MIGRATIONS_DIR = findPackageDir(import.meta.url, 'migrations')

/** Applies every migrations/NNNN_*.sql not yet applied, in order, each in its own transaction. */
export function applyMigrations(db: Database, dir = MIGRATIONS_DIR): void {
  const applied = db.pragma('user_version', { simple: true }) as number
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
  for (const file of files) {
    const number = Number(file.slice(0, 4))
    if (number <= applied) continue
    const sql = readFileSync(join(dir, file), 'utf8')
    db.transaction(() => {
      db.exec(sql)
      db.pragma(`user_version = ${number}`)
    })()
  }
}

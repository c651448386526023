import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Database } from 'better-sqlite3'

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url))

/** Applies every migrations/NNNN_*.sql not yet applied, in order, each in its own transaction. */
export function applyMigrations(db: Database, dir = MIGRATIONS_DIR): void {
  const applied = db.pragma('user_version', { simple: true }) as number
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
  for (const file of files) {
    const number = Number(file.slice(0, 4))
    if (number <= applied) continue
    const sql = readFileSync(dir + file, 'utf8')
    db.transaction(() => {
      db.exec(sql)
      db.pragma(`user_version = ${number}`)
    })()
  }
}

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Database } from 'better-sqlite3'

/** migrations/ beside package.json, whether this file runs from src/ (tsx) or dist/src/ (built). */
function findMigrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'migrations'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('migrations/ not found')
    dir = parent
  }
  return join(dir, 'migrations') + '/'
}

const MIGRATIONS_DIR = findMigrationsDir()

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

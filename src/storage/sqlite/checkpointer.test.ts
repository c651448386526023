import assert from 'node:assert/strict'
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import type { Database } from 'better-sqlite3'
import { eventually } from '../../../test/support/eventually.js'
import { Checkpointer } from './checkpointer.js'
import { openDatabase } from './open-database.js'

const MB = 1024 * 1024
const INTERVAL_MS = 20

/** A database as the server opens it: WAL mode, SQLite's own checkpoints off. */
function walDatabase(): { path: string; db: Database } {
  const path = join(mkdtempSync(join(tmpdir(), 'wp-checkpointer-')), 'test.db')
  const db = openDatabase({ path, durability: 'normal', isCheckpointedElsewhere: true })
  db.exec('CREATE TABLE blobs (data BLOB)')
  return { path, db }
}

/** Commits about `bytes` of rows: that many bytes of WAL frames, none in the database file yet. */
function fill(db: Database, bytes: number): void {
  const insert = db.prepare('INSERT INTO blobs VALUES (?)')
  db.transaction(() => {
    for (let i = 0; i < bytes / 65536; i++) insert.run(Buffer.alloc(65536, i))
  })()
}

test('a WAL past the size SQLite checkpoints at is copied into the database file by the worker, and a small one is left alone meanwhile', async () => {
  const large = walDatabase()
  const small = walDatabase()
  const errors: string[] = []
  const open = (path: string) => new Checkpointer({ path, synchronous: 'NORMAL', intervalMs: INTERVAL_MS, onError: (message) => errors.push(message) })
  const checkpointers = [open(large.path), open(small.path)]
  fill(large.db, 6 * MB)
  fill(small.db, MB / 4)
  const smallFileBytes = statSync(small.path).size
  try {
    // Both look at their WAL every interval: by when the large one's worker has started and
    // checkpointed, the small one has looked several times.
    await eventually(() => assert.ok(statSync(large.path).size > 5 * MB, 'the large WAL is checkpointed into the database file'))
    assert.equal(statSync(small.path).size, smallFileBytes, 'the small WAL is not checkpointed')
  } finally {
    await Promise.all(checkpointers.map((c) => c.stop()))
    large.db.close()
    small.db.close()
  }
  assert.deepEqual(errors, [])
})

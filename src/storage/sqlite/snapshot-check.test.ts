import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import Database from 'better-sqlite3'
import { create, put, remove } from '../../../test/contract/contract-support.js'
import { SqliteStorage } from './sqlite-storage.js'
import { rebuildSnapshot } from './snapshot-check.js'

const open = (path: string) => new SqliteStorage({ path, durability: 'full', publisher: { publish: () => {} } })

/** A closed database with a known history: a and c live (a changed twice), b deleted, d created last. */
async function history(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'wp-check-')), 'test.db')
  const storage = open(path)
  for (const write of [create('a', { v: '1' }), create('b'), create('c'), put('a', { v: '2' }), remove('b'), put('a', { v: '3' }), create('d')]) await storage.write(write)
  await storage.close()
  return path
}

const snapshotRows = (path: string) => {
  const db = new Database(path, { readonly: true })
  try {
    return db.prepare('SELECT o.resource, o.namespace, o.name, o.revision, e.object FROM objects o JOIN events e ON e.revision = o.revision ORDER BY 1, 2, 3').all()
  } finally {
    db.close()
  }
}

function damage(path: string, sql: string): void {
  const db = new Database(path)
  db.exec(sql)
  db.close()
}

const cases = [
  { name: 'an object whose snapshot row names an older log row of it', sql: `UPDATE objects SET revision = 1 WHERE name = 'a'` },
  { name: 'an object missing from the snapshot', sql: `DELETE FROM objects WHERE name = 'd'` },
  { name: 'a deleted object still in the snapshot', sql: `INSERT INTO objects VALUES ('configmaps', 'default', 'b', 2, 2)` },
  { name: 'a snapshot row beyond the log head (the log lost its newest row)', sql: `DELETE FROM events WHERE revision = (SELECT max(revision) FROM events)` },
  { name: 'a snapshot row at a revision the log holds for another object', sql: `UPDATE objects SET revision = 3 WHERE name = 'a'` },
]

for (const c of cases) {
  test(`the startup self-check finds ${c.name}, and rebuilds the snapshot from the log`, async () => {
    const path = await history()
    const intact = snapshotRows(path)
    damage(path, c.sql)
    const storage = open(path)
    const check = await storage.checkSnapshot({ tailRows: 100 })
    assert.equal(check.isRebuilt, true)
    assert.ok(check.mismatches.length > 0)
    await storage.close()
    const expected = c.name.includes('beyond the log head') ? intact.filter((row: any) => row.name !== 'd') : intact
    assert.deepEqual(snapshotRows(path), expected, 'the snapshot is what the log says')
    const again = open(path)
    assert.deepEqual((await again.checkSnapshot()).mismatches, [], 'and agrees with it from then on')
    await again.close()
  })
}

test('a snapshot that agrees with the log is left as it is, and a rebuild gives the same rows, after compaction too', async () => {
  const path = await history()
  const storage = open(path)
  await storage.compact(storage.currentRevision())
  const check = await storage.checkSnapshot()
  assert.deepEqual({ ...check, elapsedMs: 0 }, { checkedLogRows: 3, checkedSnapshotRows: 3, mismatches: [], isRebuilt: false, elapsedMs: 0 })
  await storage.close()
  const intact = snapshotRows(path)
  const db = new Database(path)
  assert.deepEqual(rebuildSnapshot(db), { objects: 3 })
  db.close()
  assert.deepEqual(snapshotRows(path), intact)
})

import assert from 'node:assert/strict'
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { asRevision } from '../../api/resource-version.js'
import { create, put } from '../../../test/contract/contract-support.js'
import { compactLog, readCompactedRevision } from './compaction.js'
import { openDatabase } from './open-database.js'
import { SqliteStorage } from './sqlite-storage.js'

const UPDATES = 3000

test('compaction runs no slice while a write batch is being synced, and goes on once it is published', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'wp-compaction-')), 'test.db')
  const storage = new SqliteStorage({ path, durability: 'normal', publisher: { publish: () => {} } })
  await storage.write(create('a'))
  await Promise.all(Array.from({ length: UPDATES - 1 }, (_, i) => storage.write(put('a', { v: String(i) }))))
  await storage.close()

  const db = openDatabase({ path, durability: 'normal' })
  let releaseSync = () => {}
  let inFlight: Promise<void> | undefined = new Promise((resolve) => (releaseSync = resolve))
  // One step per revision: the first slice (run before any yield) cannot reach the end in its few ms.
  const compaction = compactLog(db, { from: asRevision(0), upTo: asRevision(UPDATES), stepRows: 1, writesInFlight: () => inFlight })
  const afterFirstSlice = readCompactedRevision(db)
  assert.ok(afterFirstSlice > 0 && afterFirstSlice < UPDATES, `the first slice compacted to ${afterFirstSlice}`)
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setTimeout(resolve, 2))
  assert.equal(readCompactedRevision(db), afterFirstSlice, 'no slice while the sync is in flight')
  inFlight = undefined
  releaseSync()
  await compaction
  assert.equal(readCompactedRevision(db), UPDATES)
  db.close()
})

test('while compaction runs, the WAL still starts over (compaction pauses for a pass, then the writes for the last one), and writes go on', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'wp-compaction-')), 'test.db')
  const finishAtFrames = 256
  const storage = new SqliteStorage({ path, durability: 'full', publisher: { publish: () => {} }, checkpoints: { intervalMs: 10, finishAtFrames } })
  const names = Array.from({ length: 200 }, (_, i) => `k${i}`)
  await Promise.all(names.map((name) => storage.write(create(name))))
  for (let round = 0; round < 100; round++) await Promise.all(names.map((name) => storage.write(put(name, { round: String(round) }))))
  const walPath = `${path}-wal`
  // The file keeps its largest size when the WAL starts over: its growth is the WAL's longest.
  const sizeBefore = statSync(walPath).size
  let largest = sizeBefore
  const watch = setInterval(() => (largest = Math.max(largest, statSync(walPath).size)), 2)
  let isCompacting = true
  let writes = 0
  const writer = (async () => {
    for (; isCompacting; writes++) {
      await storage.write(put('k0', { write: String(writes) }))
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
  })()
  try {
    await storage.compact(storage.currentRevision())
  } finally {
    isCompacting = false
    await writer
    clearInterval(watch)
    await storage.close()
  }
  // Compacting these 20k rows writes ~80 MB of WAL: without a rewind during compaction the file grew by all of it.
  const grownMB = (largest - sizeBefore) / 1024 / 1024
  assert.ok(grownMB < 16, `the WAL grew by ${grownMB.toFixed(1)} MB during compaction`)
  assert.ok(writes > 0, 'writes were answered during compaction')
})

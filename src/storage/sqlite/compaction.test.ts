import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
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

import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import type { Write } from '../storage.js'
import type { BatchOutcome } from './commit-write.js'
import { openDatabase } from './open-database.js'
import { WriteQueue } from './write-queue.js'

// the queue only hands writes to commitBatch and its outcomes back: a row needs neither key nor object
const WRITTEN = { result: { unchanged: {} } } as BatchOutcome
const A_WRITE = {} as Write
const turns = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve))
}

test('while a hold is taken no batch commits and heldUntil() is pending; the writes queued meanwhile commit together once it is released', async () => {
  const db = openDatabase({ path: join(mkdtempSync(join(tmpdir(), 'wp-write-queue-')), 'test.db'), durability: 'normal' })
  db.exec('CREATE TABLE rows (n INTEGER)')
  const insert = db.prepare('INSERT INTO rows VALUES (1)')
  const batches: number[] = []
  const queue = new WriteQueue({
    commitBatch: db.transaction((writes: readonly Write[]) => writes.map(() => (insert.run(), WRITTEN))),
    afterCommit: (outcomes) => batches.push(outcomes.length),
    maxBatchSize: 64,
  })
  const count = () => (db.prepare('SELECT count(*) AS n FROM rows').get() as { n: number }).n
  try {
    await queue.enqueue(A_WRITE)
    assert.equal(queue.heldUntil(), undefined)
    const release = await queue.holdBatches()
    const held = [queue.enqueue(A_WRITE), queue.enqueue(A_WRITE), queue.enqueue(A_WRITE)]
    let isHeldOver = false
    void queue.heldUntil()!.then(() => (isHeldOver = true))
    await turns(5)
    assert.equal(count(), 1, 'nothing committed while held')
    assert.equal(isHeldOver, false)
    release()
    release() // a second call changes nothing
    await Promise.all(held)
    assert.equal(isHeldOver, true, 'heldUntil() resolves at the release: compaction waits that long')
    assert.equal(queue.heldUntil(), undefined)
    assert.equal(count(), 4)
    assert.deepEqual(batches, [1, 3])
  } finally {
    await queue.close()
    db.close()
  }
})

import assert from 'node:assert/strict'
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import type { Database } from 'better-sqlite3'
import { eventually } from '../../../test/support/eventually.js'
import { Checkpointer } from './checkpointer.js'
import type { Write } from '../storage.js'
import type { BatchOutcome } from './commit-write.js'
import { openDatabase } from './open-database.js'
import { WriteQueue } from './write-queue.js'

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
  const open = (path: string) => new Checkpointer({ path, synchronous: 'NORMAL', intervalMs: INTERVAL_MS, quietWriters: async () => ({ release: () => {}, isQuiet: true }), onError: (message) => errors.push(message) })
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

/** The real write queue committing `blobBytes` per write into `blobs`, without fsyncs of its own. */
function blobQueue(db: Database, blobBytes: number): WriteQueue {
  const insert = db.prepare('INSERT INTO blobs VALUES (?)')
  const blob = Buffer.alloc(blobBytes, 7)
  const commitBatch = db.transaction((writes: readonly Write[]) => writes.map(() => (insert.run(blob), WRITTEN)))
  return new WriteQueue({ commitBatch, afterCommit: () => {}, maxBatchSize: 64 })
}
// the queue only hands writes to commitBatch and its outcomes back: a blob needs neither key nor object
const WRITTEN = { result: { unchanged: {} } } as BatchOutcome
const A_WRITE = {} as Write

async function largestWalWhileWriting(options: { finishAtFrames: number; totalBytes: number }): Promise<number> {
  const { path, db } = walDatabase()
  const blobBytes = 16 * 1024
  const queue = blobQueue(db, blobBytes)
  const checkpointer = new Checkpointer({
    path, synchronous: 'NORMAL', intervalMs: INTERVAL_MS, finishAtFrames: options.finishAtFrames,
    quietWriters: async () => ({ release: await queue.holdBatches(), isQuiet: true }), onError: (message) => assert.fail(message),
  })
  let largest = 0
  // Eight writers without pause: a new write as soon as one is answered, as a busy server's clients.
  const writer = async (count: number) => {
    for (let i = 0; i < count; i++) {
      await queue.enqueue(A_WRITE)
      // a millisecond between a writer's writes: the checkpointer, copying as fast as the writer
      // writes, would leave no room for the WAL to start over even when held
      await new Promise((resolve) => setTimeout(resolve, 1))
      largest = Math.max(largest, statSync(`${path}-wal`).size)
    }
  }
  try {
    await Promise.all(Array.from({ length: 8 }, () => writer(options.totalBytes / blobBytes / 8)))
  } finally {
    await checkpointer.stop()
    await queue.close()
    db.close()
  }
  return largest
}

test('under writes without pause, the WAL starts over once it holds finishAtFrames, instead of growing with every write', async () => {
  // SQLite rewinds the WAL only for a commit that begins after a checkpoint copied all of it: a
  // writer that never pauses always begins before the passes end, so its WAL grew by every write
  // (here to the whole 48 MB). Holding the writer for the last pass makes the next commit rewind it.
  const totalBytes = 48 * MB
  const largest = await largestWalWhileWriting({ finishAtFrames: 256, totalBytes })
  assert.ok(largest < totalBytes / 2, `the WAL grew to ${(largest / MB).toFixed(1)} MB of the ${totalBytes / MB} MB written`)
})

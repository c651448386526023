import assert from 'node:assert/strict'
import { test } from 'node:test'
import { mkdtempSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { runStorageContract } from '../../../test/contract/storage-contract.js'
import { delayedReads } from '../../../test/support/delayed-reads.js'
import type { CommitPublisher } from '../../commits/commit.js'
import type { Storage } from '../storage.js'
import { ReadOnlyStorage } from './read-only-storage.js'
import { SqliteStorage } from './sqlite-storage.js'

const pathOf = new WeakMap<Storage, string>()
function openFile(publisher: CommitPublisher): Storage {
  const path = join(mkdtempSync(join(tmpdir(), 'wp-storage-')), 'test.db')
  const storage = new SqliteStorage({ path, durability: 'full', publisher })
  pathOf.set(storage, path)
  return storage
}

// The reader is what the command-line tools and `serve --as-of` open beside a running server.
runStorageContract('sqlite file', { open: openFile, openReader: (storage) => new ReadOnlyStorage(new Database(pathOf.get(storage)!, { readonly: true })) })

runStorageContract('sqlite in memory', { open: (publisher) => new SqliteStorage({ path: ':memory:', durability: 'off', publisher }) })

// Reads that take real time, as a database server's do: the suite must not lean on synchronous reads.
runStorageContract('sqlite in memory, every read delayed 2 ms', { open: (publisher) => delayedReads(new SqliteStorage({ path: ':memory:', durability: 'off', publisher }), 2) })

test('writes that arrive together are committed together: one transaction, many acknowledgements', async () => {
  const batches: number[] = []
  const storage = new SqliteStorage({ path: ':memory:', durability: 'off', publisher: { publish: () => {} }, onBatch: (n) => batches.push(n) })
  const writes = Array.from({ length: 50 }, (_, i) =>
    storage.write({ key: { resource: 'configmaps', namespace: 'default', name: `cm-${i}` }, precondition: { type: 'absent' }, apply: () => ({ type: 'put', object: { metadata: { name: `cm-${i}` } } }), audit: { verb: 'create' } }))
  await Promise.all(writes)
  assert.deepEqual(batches, [50])
  await storage.close()
})

test('revisions are never handed out twice, even when compaction removed the newest row', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'wp-storage-')), 'test.db')
  const open = () => new SqliteStorage({ path, durability: 'full', publisher: { publish: () => {} } })
  const key = { resource: 'configmaps', namespace: 'default', name: 'a' }
  let storage = open()
  await storage.write({ key, precondition: { type: 'absent' }, apply: () => ({ type: 'put', object: { metadata: { name: 'a' } } }), audit: { verb: 'create' } })
  await storage.write({ key, precondition: { type: 'present' }, apply: (c) => ({ type: 'delete', object: JSON.parse(c!.json) }), audit: { verb: 'delete' } })
  await storage.compact(storage.currentRevision())
  await storage.close()
  storage = open()
  assert.equal(storage.currentRevision(), 2)
  const result = await storage.write({ key, precondition: { type: 'absent' }, apply: () => ({ type: 'put', object: { metadata: { name: 'a' } } }), audit: { verb: 'create' } })
  assert.ok('commit' in result && result.commit.revision === 3)
  await storage.close()
})

test('a write the database refuses after its first statement fails alone: the batch commits the others, and none of it stays behind', async () => {
  const published: number[] = []
  const storage = new SqliteStorage({ path: ':memory:', durability: 'off', publisher: { publish: (commits) => published.push(...commits.map((c) => c.revision)) } })
  const create = (name: string, verb: string | null) => storage.write({
    key: { resource: 'configmaps', namespace: 'default', name }, precondition: { type: 'absent' },
    apply: () => ({ type: 'put', object: { metadata: { name } } }),
    // a log row without a verb breaks NOT NULL: the snapshot row is in by then
    audit: { verb: verb as string },
  })
  const results = await Promise.allSettled([create('a', 'create'), create('b', null), create('c', 'create')])
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled'])
  assert.match(String((results[1] as PromiseRejectedResult).reason), /NOT NULL/)
  assert.deepEqual(published, [1, 2])
  assert.equal(await storage.get({ resource: 'configmaps', namespace: 'default', name: 'b' }), undefined)
  assert.equal((await storage.get({ resource: 'configmaps', namespace: 'default', name: 'c' }))?.revision, 2)
  await storage.close()
})

test('a durable file acknowledges and publishes a batch once its WAL is synced, and no read sees the batch before', async () => {
  const events: string[] = []
  const path = join(mkdtempSync(join(tmpdir(), 'wp-storage-')), 'test.db')
  const storage = new SqliteStorage({ path, durability: 'full', publisher: { publish: (commits) => events.push(`published ${commits.map((c) => c.revision).join()}`) } })
  const key = { resource: 'configmaps', namespace: 'default', name: 'a' }
  const written = storage.write({ key, precondition: { type: 'absent' }, apply: () => ({ type: 'put', object: { metadata: { name: 'a' } } }), audit: { verb: 'create' } })
    .then(() => events.push('acknowledged'))
  // The queue drains from setImmediate: by this one the batch is committed, its WAL sync under way.
  await new Promise((resolve) => setImmediate(resolve))
  const other = new Database(path, { readonly: true })
  assert.equal((other.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n, 1, 'the batch is committed')
  other.close()
  assert.equal(events.length, 0, 'nothing acknowledged or published yet')
  const read = storage.get(key).then((object) => events.push(`read ${object?.revision}`))
  const listed = storage.list({ resource: 'configmaps', limit: 10 }).then((page) => events.push(`listed ${page.objects.length} at ${page.revision}`))
  await Promise.all([written, read, listed])
  assert.deepEqual(events, ['published 1', 'acknowledged', 'read 1', 'listed 1 at 1'])
  await storage.close()
})

test('a WAL that cannot be synced fails its batch and every later write, unacknowledged and unpublished', async () => {
  const published: number[] = []
  const path = join(mkdtempSync(join(tmpdir(), 'wp-storage-')), 'test.db')
  const storage = new SqliteStorage({ path, durability: 'full', publisher: { publish: (commits) => published.push(...commits.map((c) => c.revision)) } })
  const create = (name: string) => storage.write({ key: { resource: 'configmaps', namespace: 'default', name }, precondition: { type: 'absent' }, apply: () => ({ type: 'put', object: { metadata: { name } } }), audit: { verb: 'create' } })
  await create('a')
  // SQLite writes on through its open descriptor; the WAL is gone from where a sync looks for it.
  unlinkSync(`${path}-wal`)
  await assert.rejects(create('b'), /write-ahead log could not be synced/)
  await assert.rejects(create('c'), /write-ahead log could not be synced/)
  assert.deepEqual(published, [1])
  assert.equal(storage.currentRevision(), 1)
})

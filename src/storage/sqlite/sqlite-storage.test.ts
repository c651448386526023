import assert from 'node:assert/strict'
import { test } from 'node:test'
import { mkdtempSync } from 'node:fs'
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

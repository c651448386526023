import assert from 'node:assert/strict'
import { test } from 'node:test'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runStorageContract } from '../../../test/contract/storage-contract.js'
import { SqliteStorage } from './sqlite-storage.js'

runStorageContract('sqlite file', (publisher) =>
  new SqliteStorage({ path: join(mkdtempSync(join(tmpdir(), 'wp-storage-')), 'test.db'), durability: 'full', publisher }))

runStorageContract('sqlite in memory', (publisher) => new SqliteStorage({ path: ':memory:', durability: 'off', publisher }))

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

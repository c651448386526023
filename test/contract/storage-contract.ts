import assert from 'node:assert/strict'
import { asRevision } from '../../src/api/resource-version.js'
import type { StorageError } from '../../src/storage/errors.js'
import type { Write } from '../../src/storage/storage.js'
import { contractCase, create, key, namesAndValues, put, remove, type StorageFactory } from './contract-support.js'
import { runRevisionContract } from './revision-contract.js'

export type { StorageFactory } from './contract-support.js'

/**
 * The behaviour every Storage must have (k8s store_tests idea): one suite, run per implementation.
 * Nothing here may depend on how an implementation works inside: reads are awaited (they are
 * network round trips elsewhere), and the suite runs as well with every read delayed.
 */
export function runStorageContract(name: string, factory: StorageFactory): void {
  const withStorage = contractCase(name, factory)

  withStorage('every commit gets the next revision, which is its resourceVersion', async ({ storage, published }) => {
    const results = await Promise.all(['a', 'b', 'c'].map((n) => storage.write(create(n))))
    const revisions = results.map((r) => ('commit' in r ? r.commit.revision : 0))
    assert.deepEqual(revisions, [1, 2, 3])
    assert.equal(storage.currentRevision(), 3)
    assert.equal(JSON.parse((await storage.get(key('b')))!.json).metadata.resourceVersion, '2')
    assert.deepEqual(published.map((c) => c.revision), [1, 2, 3])
  })

  withStorage('a failed precondition fails that write alone, and stores nothing', async ({ storage, published }) => {
    await storage.write(create('a'))
    const [dup, ok] = await Promise.allSettled([storage.write(create('a')), storage.write(create('b'))])
    assert.equal(dup.status, 'rejected')
    assert.equal(((dup as PromiseRejectedResult).reason as StorageError).kind, 'KeyExists')
    assert.equal(ok.status, 'fulfilled')
    assert.deepEqual(published.map((c) => c.name), ['a', 'b'])
    await assert.rejects(storage.write(put('missing', {})), (e: StorageError) => e.kind === 'NotFound')
    const stale: Write = { ...put('a', { x: '1' }), precondition: { type: 'revision', revision: asRevision(99) } }
    await assert.rejects(storage.write(stale), (e: StorageError) => e.kind === 'Conflict')
  })

  withStorage('a write that changes nothing stores and publishes nothing; a dry run stores nothing either', async ({ storage, published }) => {
    await storage.write(create('a', { k: 'v' }))
    const result = await storage.write(put('a', { k: 'v' }))
    assert.ok('unchanged' in result)
    const preview = await storage.preview(put('a', { k: 'w' }))
    assert.equal(preview.type, 'put')
    assert.equal(preview.current?.revision, 1)
    assert.equal(storage.currentRevision(), 1)
    assert.equal(published.length, 1)
    assert.equal(JSON.parse((await storage.get(key('a')))!.json).data.k, 'v')
  })

  withStorage('an apply that throws fails its write and the rest of the batch commits', async ({ storage }) => {
    const failing: Write = { ...create('boom'), apply: () => { throw new Error('nope') } }
    const [a, b] = await Promise.allSettled([storage.write(failing), storage.write(create('fine'))])
    assert.equal(a.status, 'rejected')
    assert.equal(b.status, 'fulfilled')
    assert.equal(await storage.get(key('boom')), undefined)
    assert.equal(storage.currentRevision(), 1)
  })

  withStorage('the log replays every change in order, with deletions, and previous states when asked', async ({ storage }) => {
    await storage.write(create('a', { v: '1' }))
    await storage.write(put('a', { v: '2' }))
    await storage.write(remove('a'))
    const events = await storage.readEvents({ afterRevision: asRevision(0), upToRevision: storage.currentRevision(), limit: 10 })
    assert.deepEqual(events.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED'])
    assert.equal(events[1]!.prevRevision, 1)
    assert.equal(events[1]!.previousJson, undefined, 'previous states only when asked for')
    assert.equal(await storage.get(key('a')), undefined)
    assert.equal(JSON.parse(events[2]!.json).metadata.resourceVersion, '3')
    const withPrevious = await storage.readEvents({ afterRevision: asRevision(0), upToRevision: storage.currentRevision(), limit: 10, withPrevious: true })
    assert.deepEqual(withPrevious.map((e) => e.previousJson && JSON.parse(e.previousJson).data.v), [undefined, '1', '2'])
  })

  withStorage('a list at an old revision shows the state as it was', async ({ storage }) => {
    await storage.write(create('a', { v: '1' }))
    await storage.write(create('b'))
    const then = storage.currentRevision()
    await storage.write(put('a', { v: '2' }))
    await storage.write(remove('b'))
    await storage.write(create('c'))
    const old = await storage.list({ resource: 'configmaps', atRevision: then, limit: 10 })
    assert.equal(old.revision, then)
    assert.deepEqual(namesAndValues(old.objects), ['a=1', 'b='])
    const now = await storage.list({ resource: 'configmaps', atRevision: storage.currentRevision(), limit: 10 })
    assert.deepEqual(now.objects.map((o) => o.key.name), ['a', 'c'])
    const page = await storage.list({ resource: 'configmaps', atRevision: then, after: { namespace: 'default', name: 'a' }, limit: 10 })
    assert.deepEqual(page.objects.map((o) => o.key.name), ['b'])
  })

  withStorage('a list without a revision shows the newest state and the revision it read it at', async ({ storage }) => {
    await storage.write(create('a', { v: '1' }))
    await storage.write(create('b', { v: '1' }))
    const first = await storage.list({ resource: 'configmaps', limit: 1 })
    assert.equal(first.revision, storage.currentRevision())
    assert.deepEqual(namesAndValues(first.objects), ['a=1'])
    await storage.write(put('b', { v: '2' }))
    const next = await storage.list({ resource: 'configmaps', atRevision: first.revision, after: { namespace: 'default', name: 'a' }, limit: 1 })
    assert.deepEqual(namesAndValues(next.objects), ['b=1'], 'later pages at the first page\'s revision')
  })

  withStorage('compaction keeps the state at and after the compaction point', async ({ storage }) => {
    await storage.write(create('a', { v: '1' }))
    await storage.write(put('a', { v: '2' }))
    await storage.write(create('b'))
    await storage.write(remove('b'))
    await storage.write(put('a', { v: '3' }))
    await storage.compact(asRevision(4))
    assert.equal(storage.compactedRevision(), 4)
    const atFour = await storage.list({ resource: 'configmaps', atRevision: asRevision(4), limit: 10 })
    assert.deepEqual(namesAndValues(atFour.objects), ['a=2'])
    const after = await storage.readEvents({ afterRevision: asRevision(4), upToRevision: storage.currentRevision(), limit: 10 })
    assert.deepEqual(after.map((e) => e.revision), [5])
    assert.equal(JSON.parse((await storage.getAt(key('a'), asRevision(4)))!.json).data.v, '2')
    assert.equal(await storage.getAt(key('b'), asRevision(4)), undefined)
  })

  withStorage('one object\'s history lists every revision with who made it', async ({ storage }) => {
    await storage.write(create('a', { v: '1' }))
    await storage.write(create('other'))
    await storage.write(put('a', { v: '2' }))
    await storage.write(remove('a'))
    await storage.write(create('a', { v: '3' }))
    const entries = await storage.history(key('a'), { afterRevision: asRevision(0), limit: 10 })
    assert.deepEqual(entries.map((e) => [e.revision, e.type, e.audit.verb]), [[1, 'ADDED', 'test'], [3, 'MODIFIED', 'test'], [4, 'DELETED', 'test'], [5, 'ADDED', 'test']])
    assert.ok(entries.every((e) => e.committedAtMs > 0))
    assert.equal(await storage.revisionAt(Date.now() + 1000), 5)
    assert.equal(await storage.revisionAt(0), 0)
  })

  withStorage('a past state read back equals what it was at every revision', async ({ storage }) => {
    const seen = new Map<number, string[]>()
    const steps: Write[] = [create('a', { v: '1' }), create('b', { v: '1' }), put('a', { v: '2' }), remove('b'), create('c', { v: '1' }), put('c', { v: '2' }), create('b', { v: '9' })]
    for (const step of steps) {
      await storage.write(step)
      const now = await storage.list({ resource: 'configmaps', limit: 100 })
      seen.set(now.revision, namesAndValues(now.objects))
    }
    for (const [revision, expected] of seen) {
      const past = await storage.list({ resource: 'configmaps', atRevision: asRevision(revision), limit: 100 })
      assert.deepEqual(namesAndValues(past.objects), expected, `at revision ${revision}`)
    }
  })

  runRevisionContract(name, factory)
}

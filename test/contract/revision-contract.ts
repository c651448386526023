import assert from 'node:assert/strict'
import { asRevision } from '../../src/api/resource-version.js'
import type { RevisionError } from '../../src/storage/errors.js'
import type { Storage, StorageReader } from '../../src/storage/storage.js'
import { contractCase, create, key, namesAndValues, put, refused, remove, type StorageFactory } from './contract-support.js'

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** a, b; `then`; a changed twice, b deleted; compacted to one before the newest */
async function compactedHistory(storage: Storage) {
  await storage.write(create('a', { v: '1' }))
  await storage.write(create('b'))
  const then = storage.currentRevision()
  await storage.write(put('a', { v: '2' }))
  await storage.write(remove('b'))
  await storage.write(put('a', { v: '3' }))
  const compacted = asRevision(storage.currentRevision() - 1)
  await storage.compact(compacted)
  return { then, compacted, current: storage.currentRevision() }
}

/** Every read that takes a revision refuses the same ones, through the storage or a reader beside it. */
async function assertRevisionRules(reader: StorageReader, revisions: Awaited<ReturnType<typeof compactedHistory>>) {
  const { then, compacted, current } = revisions
  await assert.rejects(reader.list({ resource: 'configmaps', atRevision: then, limit: 10 }), refused('Compacted', then))
  await assert.rejects(reader.getAt(key('a'), then), refused('Compacted', then))
  await assert.rejects(reader.readEvents({ afterRevision: then, upToRevision: current, limit: 10 }), refused('Compacted', then))
  await assert.rejects(reader.history(key('a'), { afterRevision: then, limit: 10 }), refused('Compacted', then))
  const error = (await reader.list({ resource: 'configmaps', atRevision: then, limit: 10 }).catch((e: unknown) => e)) as RevisionError
  assert.deepEqual(error.revisions, { requested: then, compacted, current })
  // The compacted revision itself is still readable: compaction keeps the state there.
  assert.deepEqual(namesAndValues((await reader.list({ resource: 'configmaps', atRevision: compacted, limit: 10 })).objects), ['a=2'])
  assert.deepEqual((await reader.readEvents({ afterRevision: compacted, upToRevision: current, limit: 10 })).map((e) => e.revision), [current])
  const future = asRevision(current + 1)
  await assert.rejects(reader.list({ resource: 'configmaps', atRevision: future, limit: 10 }), refused('RevisionTooNew', future))
  await assert.rejects(reader.getAt(key('a'), future), refused('RevisionTooNew', future))
  await assert.rejects(reader.readEvents({ afterRevision: compacted, upToRevision: future, limit: 10 }), refused('RevisionTooNew', future))
  await assert.rejects(reader.history(key('a'), { afterRevision: future, limit: 10 }), refused('RevisionTooNew', future))
}

/** The suite's cases about revisions: storage owns their rules, and waits end on commits. */
export function runRevisionContract(name: string, factory: StorageFactory): void {
  const withStorage = contractCase(name, factory)

  withStorage('every read below the compacted revision throws Compacted, and every read past the newest RevisionTooNew', async ({ storage }) => {
    await assertRevisionRules(storage, await compactedHistory(storage))
  })

  withStorage('the log below the compacted revision is read only when asked for what was retained', async ({ storage }) => {
    await storage.write(create('a', { v: '1' }))
    await storage.write(put('a', { v: '2' }))
    await storage.write(create('b'))
    await storage.write(put('a', { v: '3' }))
    await storage.compact(asRevision(3))
    const retained = await storage.readEvents({ afterRevision: asRevision(0), upToRevision: storage.currentRevision(), limit: 10, belowCompaction: 'retained' })
    assert.deepEqual(retained.map((e) => [e.revision, e.key.name]), [[2, 'a'], [3, 'b'], [4, 'a']])
    const history = await storage.history(key('a'), { afterRevision: asRevision(0), limit: 10, belowCompaction: 'retained' })
    assert.deepEqual(history.map((e) => e.revision), [2, 4])
  })

  withStorage('a wait for a committed revision ends at once; for a later one, on its commit, not at a later poll', async ({ storage, publishedAtMs }) => {
    await storage.waitForRevision(asRevision(0))
    const lagsMs: number[] = []
    for (let i = 0; i < 10; i++) {
      const wanted = asRevision(storage.currentRevision() + 1)
      const waited = storage.waitForRevision(wanted, { timeoutMs: 5000 }).then(() => performance.now())
      await storage.write(create(`w${i}`))
      lagsMs.push((await waited) - publishedAtMs.get(wanted)!)
    }
    // A 25 ms poll would put the median near 12 ms; settled by the publish, it is a fraction of one.
    assert.ok(median(lagsMs) < 5, `wait ended ${lagsMs.map((ms) => ms.toFixed(1)).join(', ')} ms after the publish`)
  })

  withStorage('a wait for a revision that is not committed in time fails with RevisionTooNew', async ({ storage }) => {
    await storage.write(create('a'))
    const wanted = asRevision(storage.currentRevision() + 5)
    const startedMs = performance.now()
    const error = await storage.waitForRevision(wanted, { timeoutMs: 50 }).catch((e: unknown) => e)
    assert.ok(refused('RevisionTooNew', wanted)(error))
    assert.deepEqual((error as RevisionError).revisions, { requested: wanted, compacted: 0, current: 1 })
    assert.ok(performance.now() - startedMs >= 45, 'it waited about the timeout first')
  })

  if (!factory.openReader) return
  const openReader = factory.openReader

  withStorage('a reader beside it has no writing side, sees what was committed and refuses the same revisions', async ({ storage }) => {
    const revisions = await compactedHistory(storage)
    const reader = await openReader(storage)
    try {
      for (const method of ['write', 'preview', 'compact']) assert.equal(method in reader, false, `a reader has no ${method}`)
      assert.equal(reader.currentRevision(), revisions.current)
      assert.equal(reader.compactedRevision(), revisions.compacted)
      const [mine, theirs] = await Promise.all([storage.list({ resource: 'configmaps', limit: 10 }), reader.list({ resource: 'configmaps', limit: 10 })])
      assert.deepEqual(theirs, mine)
      assert.deepEqual(await reader.get(key('a')), await storage.get(key('a')))
      await assertRevisionRules(reader, revisions)
    } finally {
      await reader.close()
    }
  })
}

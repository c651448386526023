import assert from 'node:assert/strict'
import { test } from 'node:test'
import { asRevision } from '../../src/api/resource-version.js'
import type { KubeObject } from '../../src/api/types.js'
import type { Commit, CommitPublisher } from '../../src/commits/commit.js'
import { RevisionError, StorageError } from '../../src/storage/errors.js'
import type { ObjectKey, Storage, Write } from '../../src/storage/storage.js'

export type OpenStorage = (publisher: CommitPublisher) => Storage

const key = (name: string, namespace = 'default'): ObjectKey => ({ resource: 'configmaps', namespace, name })
const object = (name: string, data: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data })
const audit = { verb: 'test' }
const create = (name: string, data?: Record<string, string>): Write => ({ key: key(name), precondition: { type: 'absent' }, apply: () => ({ type: 'put', object: object(name, data) }), audit })
const put = (name: string, data: Record<string, string>): Write => ({ key: key(name), precondition: { type: 'present' }, apply: () => ({ type: 'put', object: object(name, data) }), audit })
const remove = (name: string): Write => ({ key: key(name), precondition: { type: 'present' }, apply: (current) => ({ type: 'delete', object: JSON.parse(current!.json) }), audit })

/** Records every published commit, and when it was published (performance.now()). */
function recorder(): CommitPublisher & { commits: Commit[]; publishedAtMs: Map<number, number> } {
  const commits: Commit[] = []
  const publishedAtMs = new Map<number, number>()
  return {
    commits,
    publishedAtMs,
    publish: (batch) => {
      for (const commit of batch) publishedAtMs.set(commit.revision, performance.now())
      commits.push(...batch)
    },
  }
}

/** A RevisionError of this kind, about this requested revision. */
const refused = (kind: RevisionError['kind'], requested: number) => (error: unknown) => {
  assert.ok(error instanceof RevisionError, `expected a RevisionError, got ${String(error)}`)
  assert.equal(error.kind, kind)
  assert.equal(error.revisions.requested, requested)
  return true
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** The behaviour every Storage must have (k8s store_tests idea): one suite, run per implementation. */
export function runStorageContract(name: string, open: OpenStorage): void {
  const withStorage = (title: string, body: (storage: Storage, published: Commit[], publishedAtMs: Map<number, number>) => Promise<void>) =>
    test(`${name}: ${title}`, async () => {
      const publisher = recorder()
      const storage = open(publisher)
      try {
        await body(storage, publisher.commits, publisher.publishedAtMs)
      } finally {
        await storage.close()
      }
    })

  withStorage('every commit gets the next revision, which is its resourceVersion', async (storage, published) => {
    const results = await Promise.all(['a', 'b', 'c'].map((n) => storage.write(create(n))))
    const revisions = results.map((r) => ('commit' in r ? r.commit.revision : 0))
    assert.deepEqual(revisions, [1, 2, 3])
    assert.equal(storage.currentRevision(), 3)
    assert.equal(JSON.parse(storage.get(key('b'))!.json).metadata.resourceVersion, '2')
    assert.deepEqual(published.map((c) => c.revision), [1, 2, 3])
  })

  withStorage('a failed precondition fails that write alone, and stores nothing', async (storage, published) => {
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

  withStorage('a write that changes nothing stores and publishes nothing', async (storage, published) => {
    await storage.write(create('a', { k: 'v' }))
    const result = await storage.write(put('a', { k: 'v' }))
    assert.ok('unchanged' in result)
    assert.equal(storage.currentRevision(), 1)
    assert.equal(published.length, 1)
  })

  withStorage('an apply that throws fails its write and the rest of the batch commits', async (storage) => {
    const failing: Write = { ...create('boom'), apply: () => { throw new Error('nope') } }
    const [a, b] = await Promise.allSettled([storage.write(failing), storage.write(create('fine'))])
    assert.equal(a.status, 'rejected')
    assert.equal(b.status, 'fulfilled')
    assert.equal(storage.get(key('boom')), undefined)
    assert.equal(storage.currentRevision(), 1)
  })

  withStorage('the log replays every change in order, with deletions', async (storage) => {
    await storage.write(create('a', { v: '1' }))
    await storage.write(put('a', { v: '2' }))
    await storage.write(remove('a'))
    const events = storage.readEvents({ afterRevision: asRevision(0), upToRevision: storage.currentRevision(), limit: 10 })
    assert.deepEqual(events.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED'])
    assert.equal(events[1]!.prevRevision, 1)
    assert.equal(storage.get(key('a')), undefined)
    assert.equal(JSON.parse(events[2]!.json).metadata.resourceVersion, '3')
  })

  withStorage('a list at an old revision shows the state as it was', async (storage) => {
    await storage.write(create('a', { v: '1' }))
    await storage.write(create('b'))
    const then = storage.currentRevision()
    await storage.write(put('a', { v: '2' }))
    await storage.write(remove('b'))
    await storage.write(create('c'))
    const old = storage.list({ resource: 'configmaps', atRevision: then, limit: 10 })
    assert.deepEqual(old.map((o) => [o.key.name, JSON.parse(o.json).data.v ?? '']), [['a', '1'], ['b', '']])
    const now = storage.list({ resource: 'configmaps', atRevision: storage.currentRevision(), limit: 10 })
    assert.deepEqual(now.map((o) => o.key.name), ['a', 'c'])
    const page = storage.list({ resource: 'configmaps', atRevision: then, after: { namespace: 'default', name: 'a' }, limit: 10 })
    assert.deepEqual(page.map((o) => o.key.name), ['b'])
  })

  withStorage('compaction keeps the state at and after the compaction point', async (storage) => {
    await storage.write(create('a', { v: '1' }))
    await storage.write(put('a', { v: '2' }))
    await storage.write(create('b'))
    await storage.write(remove('b'))
    await storage.write(put('a', { v: '3' }))
    await storage.compact(asRevision(4))
    assert.equal(storage.compactedRevision(), 4)
    const atFour = storage.list({ resource: 'configmaps', atRevision: asRevision(4), limit: 10 })
    assert.deepEqual(atFour.map((o) => [o.key.name, JSON.parse(o.json).data.v]), [['a', '2']])
    const after = storage.readEvents({ afterRevision: asRevision(4), upToRevision: storage.currentRevision(), limit: 10 })
    assert.deepEqual(after.map((e) => e.revision), [5])
    assert.equal(JSON.parse(storage.getAt(key('a'), asRevision(4))!.json).data.v, '2')
    assert.equal(storage.getAt(key('b'), asRevision(4)), undefined)
  })

  withStorage('one object\'s history lists every revision with who made it', async (storage) => {
    await storage.write(create('a', { v: '1' }))
    await storage.write(create('other'))
    await storage.write(put('a', { v: '2' }))
    await storage.write(remove('a'))
    await storage.write(create('a', { v: '3' }))
    const entries = storage.history(key('a'), { afterRevision: asRevision(0), limit: 10 })
    assert.deepEqual(entries.map((e) => [e.revision, e.type, e.audit.verb]), [[1, 'ADDED', 'test'], [3, 'MODIFIED', 'test'], [4, 'DELETED', 'test'], [5, 'ADDED', 'test']])
    assert.ok(entries.every((e) => e.committedAtMs > 0))
    assert.equal(storage.revisionAt(Date.now() + 1000), 5)
    assert.equal(storage.revisionAt(0), 0)
  })

  withStorage('a past state read back equals what it was at every revision', async (storage) => {
    const seen = new Map<number, string[]>()
    const names = () => storage.list({ resource: 'configmaps', atRevision: storage.currentRevision(), limit: 100 }).map((o) => `${o.key.name}=${JSON.parse(o.json).data.v ?? ''}`)
    const steps: Write[] = [create('a', { v: '1' }), create('b', { v: '1' }), put('a', { v: '2' }), remove('b'), create('c', { v: '1' }), put('c', { v: '2' }), create('b', { v: '9' })]
    for (const step of steps) {
      await storage.write(step)
      seen.set(storage.currentRevision(), names())
    }
    for (const [revision, expected] of seen) {
      const past = storage.list({ resource: 'configmaps', atRevision: asRevision(revision), limit: 100 }).map((o) => `${o.key.name}=${JSON.parse(o.json).data.v ?? ''}`)
      assert.deepEqual(past, expected, `at revision ${revision}`)
    }
  })

  withStorage('every read of a state or of the log below the compacted revision throws Compacted', async (storage) => {
    await storage.write(create('a', { v: '1' }))
    await storage.write(create('b'))
    const then = storage.currentRevision()
    await storage.write(put('a', { v: '2' }))
    await storage.write(remove('b'))
    await storage.write(put('a', { v: '3' }))
    const compactedTo = asRevision(storage.currentRevision() - 1)
    await storage.compact(compactedTo)
    const current = storage.currentRevision()
    await assert.rejects(async () => storage.list({ resource: 'configmaps', atRevision: then, limit: 10 }), refused('Compacted', then))
    await assert.rejects(async () => storage.getAt(key('a'), then), refused('Compacted', then))
    await assert.rejects(async () => storage.readEvents({ afterRevision: then, upToRevision: current, limit: 10 }), refused('Compacted', then))
    await assert.rejects(async () => storage.history(key('a'), { afterRevision: then, limit: 10 }), refused('Compacted', then))
    const error = await Promise.resolve().then(() => storage.list({ resource: 'configmaps', atRevision: then, limit: 10 })).catch((e: RevisionError) => e)
    assert.deepEqual((error as RevisionError).revisions, { requested: then, compacted: compactedTo, current })
    // The compacted revision itself is still readable: compaction keeps the state there.
    const atCompacted = await storage.list({ resource: 'configmaps', atRevision: compactedTo, limit: 10 })
    assert.deepEqual(atCompacted.map((o) => [o.key.name, JSON.parse(o.json).data.v]), [['a', '2']])
    assert.deepEqual((await storage.readEvents({ afterRevision: compactedTo, upToRevision: current, limit: 10 })).map((e) => e.revision), [current])
  })

  withStorage('the log below the compacted revision is read only when asked for what was retained', async (storage) => {
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

  withStorage('reads at a revision not committed yet throw RevisionTooNew', async (storage) => {
    await storage.write(create('a'))
    const future = asRevision(storage.currentRevision() + 1)
    await assert.rejects(async () => storage.list({ resource: 'configmaps', atRevision: future, limit: 10 }), refused('RevisionTooNew', future))
    await assert.rejects(async () => storage.getAt(key('a'), future), refused('RevisionTooNew', future))
    await assert.rejects(async () => storage.readEvents({ afterRevision: asRevision(0), upToRevision: future, limit: 10 }), refused('RevisionTooNew', future))
    await assert.rejects(async () => storage.history(key('a'), { afterRevision: future, limit: 10 }), refused('RevisionTooNew', future))
  })

  withStorage('a wait for a revision ends on its commit, not at a later poll', async (storage, _published, publishedAtMs) => {
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

  withStorage('a wait for a revision that is not committed in time fails with RevisionTooNew', async (storage) => {
    await storage.write(create('a'))
    const wanted = asRevision(storage.currentRevision() + 5)
    const startedMs = performance.now()
    const error = await storage.waitForRevision(wanted, { timeoutMs: 50 }).catch((e: unknown) => e)
    assert.ok(refused('RevisionTooNew', wanted)(error))
    assert.deepEqual((error as RevisionError).revisions, { requested: wanted, compacted: 0, current: 1 })
    assert.ok(performance.now() - startedMs >= 45, 'it waited about the timeout first')
  })
}

import assert from 'node:assert/strict'
import { test } from 'node:test'
import pg from 'pg'
import { eventually } from '../../../test/support/eventually.js'
import { needsPgBouncer, needsPostgres, sharedPostgres, startPgBouncer } from '../../../test/support/postgres.js'
import { asRevision } from '../../api/resource-version.js'
import type { Commit } from '../../commits/commit.js'
import { RevisionError } from '../errors.js'
import type { Write } from '../storage.js'
import { PgStorage, type PgStorageOptions } from './pg-storage.js'

const key = (name: string) => ({ resource: 'configmaps', namespace: 'default', name })
const audit = { verb: 'test' }
const create = (name: string): Write =>
  ({ key: key(name), precondition: { type: 'absent' }, apply: () => ({ type: 'put', object: { metadata: { name }, data: { v: '0' } } }), audit })
const bump = (name: string): Write => ({
  key: key(name), precondition: { type: 'present' }, audit,
  apply: (current) => {
    const object = JSON.parse(current!.json)
    return { type: 'put', object: { ...object, data: { v: String(Number(object.data.v) + 1) } } }
  },
})

/** `count` replicas on one new database, each recording what its stream publishes. */
async function replicas(count: number, options: Partial<PgStorageOptions> & { url?: string } = {}) {
  const url = options.url ?? (await (await sharedPostgres()).createDatabase())
  const streams: Commit[][] = []
  const opened: PgStorage[] = []
  for (let i = 0; i < count; i++) {
    const stream: Commit[] = []
    streams.push(stream)
    opened.push(await PgStorage.open({ partitionRevisions: 50, pollIntervalMs: 50, ...options, url, publisher: { publish: (commits) => stream.push(...commits) } }))
  }
  return { url, storages: opened, streams, close: () => Promise.all(opened.map((s) => s.close())) }
}

const revisionsOf = (stream: Commit[]) => stream.map((c) => c.revision)
const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

test('commits through any replica reach every replica\'s stream once, in revision order, with no gap', needsPostgres, async () => {
  const { storages, streams, close } = await replicas(3)
  try {
    // Each replica creates its own keys, then all of them bump every key: writes on one key from
    // three replicas at once, none lost.
    await Promise.all(storages.map((s, r) => Promise.all(oneToN(20).map((i) => s.write(create(`cm-${r}-${i}`))))))
    await Promise.all(storages.flatMap((s) => oneToN(20).flatMap((i) => [0, 1, 2].map((r) => s.write(bump(`cm-${r}-${i}`))))))
    const total = 60 + 180
    await eventually(() => streams.forEach((stream) => assert.equal(stream.length, total)), { timeoutMs: 10_000 })
    for (const stream of streams) {
      assert.deepEqual(revisionsOf(stream), oneToN(total))
      assert.deepEqual(stream.map((c) => c.objectJson), streams[0]!.map((c) => c.objectJson))
    }
    const final = await storages[1]!.list({ resource: 'configmaps', limit: 100 })
    assert.equal(final.revision, total)
    assert.ok(final.objects.every((o) => JSON.parse(o.json).data.v === '3'), 'every key bumped three times')
    assert.deepEqual(streams[2]!.filter((c) => c.type === 'MODIFIED').slice(0, 1).map((c) => c.previousJson !== undefined), [true])
  } finally {
    await close()
  }
})

test('a replica serves nothing it has not tailed: a read after a write through another one waits for it', needsPostgres, async () => {
  // No NOTIFY and a slow poll: only the read's own wake-up can make it quick.
  const { storages, streams, close } = await replicas(2, { isListening: false, pollIntervalMs: 5000 })
  const [a, b] = storages as [PgStorage, PgStorage]
  try {
    for (let i = 0; i < 5; i++) {
      const written = await a.write(create(`x-${i}`))
      assert.ok('commit' in written)
      const startedMs = performance.now()
      const got = await b.get(key(`x-${i}`))
      assert.equal(got?.revision, written.commit.revision)
      assert.ok(b.currentRevision() >= written.commit.revision, 'what a get returns is in the replica\'s stream already')
      assert.ok(streams[1]!.some((c) => c.revision === written.commit.revision))
      const list = await b.list({ resource: 'configmaps', limit: 10 })
      assert.ok(list.revision <= b.currentRevision() && list.objects.length === i + 1)
      assert.ok(performance.now() - startedMs < 2000, 'woken by the read, not by the 5 s poll')
    }
  } finally {
    await close()
  }
})

test('retention drops whole partitions; another replica refuses the compacted revisions from its next read', needsPostgres, async () => {
  // No NOTIFY and a slow poll: b learns of the compaction only from the read itself.
  const { url, storages, close } = await replicas(2, { partitionRevisions: 4, isListening: false, pollIntervalMs: 5000 })
  const [a, b] = storages as [PgStorage, PgStorage]
  const client = new pg.Client(url)
  await client.connect()
  const partitions = async () => (await client.query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events'::regclass")).rows.map((r) => r.relname as string)
  try {
    for (let i = 0; i < 3; i++) await a.write(create(`k-${i}`))
    for (let round = 0; round < 4; round++) for (let i = 0; i < 3; i++) await a.write(bump(`k-${i}`))
    await b.waitForRevision(asRevision(15))
    const before = await partitions()
    assert.ok(['events_1', 'events_5', 'events_9', 'events_13'].every((p) => before.includes(p)), before.join(', '))
    await a.compact(asRevision(12))
    const left = await partitions()
    assert.deepEqual(['events_retained', 'events_1', 'events_5', 'events_9', 'events_13'].filter((p) => left.includes(p)), ['events_retained', 'events_13'], 'revisions 1–12 were three whole partitions, dropped')
    assert.equal(b.compactedRevision(), 0, 'b has not read since')
    const refused = await b.list({ resource: 'configmaps', atRevision: asRevision(10), limit: 10 }).catch((e: unknown) => e)
    assert.ok(refused instanceof RevisionError && refused.kind === 'Compacted' && refused.revisions.compacted === 12)
    assert.equal(b.compactedRevision(), 12)
    const atTwelve = await b.list({ resource: 'configmaps', atRevision: asRevision(12), limit: 10 })
    assert.deepEqual(atTwelve.objects.map((o) => JSON.parse(o.json).data.v), ['3', '3', '3'])
    const retained = await b.readEvents({ afterRevision: asRevision(0), upToRevision: asRevision(15), limit: 100, belowCompaction: 'retained' })
    assert.deepEqual(retained.map((e) => e.revision), [10, 11, 12, 13, 14, 15], 'each key\'s state at 12, then the rows after it')
    const { rows } = await client.query('SELECT count(*)::int AS n FROM events_retained')
    assert.equal(rows[0].n, 3)
  } finally {
    await client.end()
    await close()
  }
})

test('through PgBouncer in transaction mode: no notifications, and the poll alone carries every commit', needsPgBouncer, async () => {
  const cluster = await sharedPostgres()
  const direct = new URL(await cluster.createDatabase())
  const bouncer = await startPgBouncer(cluster)
  const url = bouncer.url(direct.pathname.slice(1))
  const { storages, streams, close } = await replicas(2, { url, pollIntervalMs: 50 })
  try {
    await Promise.all(storages.flatMap((s, r) => oneToN(30).map((i) => s.write(create(`b-${r}-${i}`)))))
    await eventually(() => streams.forEach((stream) => assert.deepEqual(revisionsOf(stream), oneToN(60))), { timeoutMs: 10_000 })
    await storages[0]!.compact(asRevision(50))
    assert.equal((await storages[1]!.list({ resource: 'configmaps', atRevision: asRevision(50), limit: 100 })).objects.length, 50)
  } finally {
    await close()
    bouncer.stop()
  }
})

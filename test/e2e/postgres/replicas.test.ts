import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { eventually } from '../../support/eventually.js'
import { needsPostgres, sharedPostgres } from '../../support/postgres.js'
import { request } from '../../support/start-server.js'
import { Follower, runWriter, wrongAnswers, type Acknowledged } from './load-clients.js'
import { aliveFrom, killReplica, readLog, spawnReplica, stateAt, stopReplicas, type LogRow, type Replica } from './replica-fleet.js'

// The proof, with real processes: three `watchplane` servers on one PostgreSQL, writers
// and watchers spread over all of them, checked against the log read straight from the database.

const NAMESPACE = 'load'
const CONFIGMAPS = `/api/v1/namespaces/${NAMESPACE}/configmaps`

/** Writer w's operations: creates, merge patches of earlier ones, deletions of older ones. */
function operations(writer: number, count: number) {
  const ops: Array<{ method: string; path: string; body?: unknown; contentType?: string }> = []
  for (let k = 0; k < count; k++) {
    ops.push({ method: 'POST', path: CONFIGMAPS, body: { metadata: { name: `w${writer}-${k}` }, data: { k: String(k) } } })
    if (k % 2 === 1) ops.push({ method: 'PATCH', path: `${CONFIGMAPS}/w${writer}-${k - 1}`, body: { data: { patched: 'yes' } }, contentType: 'application/merge-patch+json' })
    if (k % 4 === 3) ops.push({ method: 'DELETE', path: `${CONFIGMAPS}/w${writer}-${k - 2}` })
  }
  return ops
}

interface ListSeen {
  revision: number
  items: Map<string, number>
}

/** Lists the namespace on replica after replica until stopped: each answer is checked against the log later. */
async function listRepeatedly(replicas: readonly Replica[], seen: ListSeen[], isDone: () => boolean): Promise<void> {
  for (let i = 0; !isDone(); i++) {
    const replica = aliveFrom(replicas, i)
    const list = await request(replica.url, CONFIGMAPS).catch(() => undefined)
    if (list?.status === 200) {
      seen.push({ revision: Number(list.body.metadata.resourceVersion), items: new Map(list.body.items.map((o: any) => [o.metadata.name, Number(o.metadata.resourceVersion)])) })
    } else if (list && !(list.status >= 500 && list.body?.kind === 'Status')) {
      wrongAnswers.push(`list: ${list.status} ${list.text.slice(0, 200)}`)
    }
    await sleep(50)
  }
}

async function startFleet(count: number) {
  const storageUrl = await (await sharedPostgres()).createDatabase()
  const replicas: Replica[] = []
  // One after the other: the first creates the schema (the others would wait on its lock anyway).
  for (let i = 0; i < count; i++) replicas.push(await spawnReplica(storageUrl))
  const created = await request(replicas[0]!.url, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: NAMESPACE } } })
  assert.equal(created.status, 201)
  return { storageUrl, replicas }
}

/** Every follower got exactly the log after its start, in order, once; every list was the state at its revision. */
function checkAgainstLog(log: readonly LogRow[], followers: readonly { from: number; follower: Follower }[], lists: readonly ListSeen[], acknowledged: readonly Acknowledged[]) {
  const logRevisions = new Set(log.map((row) => row.revision))
  const lost = acknowledged.filter((a) => !logRevisions.has(a.revision))
  assert.deepEqual(lost, [], 'no acknowledged write is lost')
  for (const { from, follower } of followers) {
    assert.deepEqual(follower.errors, [])
    assert.deepEqual(follower.revisions, log.filter((row) => row.revision > from).map((row) => row.revision), `watch from ${from}: every event once, in order, no gap`)
  }
  for (const list of lists) {
    assert.deepEqual([...list.items].sort(), [...stateAt(log, list.revision)].sort(), `the list at ${list.revision} is the state at ${list.revision}`)
  }
}

test('three replicas, 64 writers and 100 watchers: one order everywhere; kill -9 of a replica loses nothing', { ...needsPostgres, timeout: 240_000 }, async () => {
  const { storageUrl, replicas } = await startFleet(3)
  try {
    const start = await request(replicas[1]!.url, CONFIGMAPS)
    const followers = Array.from({ length: 100 }, (_, i) => {
      const from = Number(start.body.metadata.resourceVersion)
      return { from, follower: new Follower(replicas, i % 3, CONFIGMAPS, String(from)) }
    })
    const acknowledged: Acknowledged[] = []
    const lists: ListSeen[] = []
    let isLoading = true
    const listing = listRepeatedly(replicas, lists, () => !isLoading)
    const work = Array.from({ length: 64 }, (_, w) => operations(w, 12))
    const writers = work.map((ops, w) => runWriter(replicas, w % 3, ops, acknowledged))
    // Mid-load, one replica dies without a word: its watchers and writers move to the others.
    await eventually(() => assert.ok(acknowledged.length > 300, `${acknowledged.length} writes so far`), { timeoutMs: 60_000 })
    killReplica(replicas[2]!)
    await Promise.all(writers)
    isLoading = false
    await listing
    const log = await readLog(storageUrl, NAMESPACE)
    const newest = log.at(-1)!.revision
    await eventually(() => followers.forEach(({ follower }) => assert.equal(follower.last, newest)), { timeoutMs: 60_000 })
    followers.forEach(({ follower }) => follower.stop())
    await Promise.all(followers.map(({ follower }) => follower.done))
    assert.deepEqual(wrongAnswers, [])
    // Writes in flight on the killed replica may or may not have committed: their retries can meet themselves (409, 404).
    const total = work.flat().length
    const deletions = work.flat().filter((op) => op.method === 'DELETE').length
    assert.ok(acknowledged.length >= total - deletions - 64, `${acknowledged.length} of ${total - deletions} creates and patches acknowledged`)
    assert.ok(lists.length > 5, `${lists.length} lists checked`)
    assert.ok(followers.filter(({ follower }) => follower.reconnects > 0).length >= 33, 'the killed replica\'s watchers moved on')
    checkAgainstLog(log, followers, lists, acknowledged)
  } finally {
    await stopReplicas(replicas)
  }
})

test('PostgreSQL restarts mid-load: replicas answer 5xx Status meanwhile, never a wrong answer, and recover by themselves', { ...needsPostgres, timeout: 180_000 }, async () => {
  const cluster = await sharedPostgres()
  wrongAnswers.length = 0
  const { storageUrl, replicas } = await startFleet(2)
  try {
    const start = await request(replicas[0]!.url, CONFIGMAPS)
    const from = Number(start.body.metadata.resourceVersion)
    const followers = Array.from({ length: 20 }, (_, i) => ({ from, follower: new Follower(replicas, i % 2, CONFIGMAPS, String(from)) }))
    const acknowledged: Acknowledged[] = []
    const lists: ListSeen[] = []
    let isLoading = true
    const listing = listRepeatedly(replicas, lists, () => !isLoading)
    const work = Array.from({ length: 16 }, (_, w) => operations(w, 16))
    const writers = work.map((ops, w) => runWriter(replicas, w % 2, ops, acknowledged))
    await eventually(() => assert.ok(acknowledged.length > 100, `${acknowledged.length} writes so far`), { timeoutMs: 60_000 })
    cluster.stop()
    const duringOutage = await request(replicas[1]!.url, CONFIGMAPS)
    assert.ok(duringOutage.status >= 500 && duringOutage.body?.kind === 'Status', `a list while the database is down: ${duringOutage.status} ${duringOutage.text.slice(0, 200)}`)
    await sleep(1000)
    await cluster.start()
    await Promise.all(writers)
    isLoading = false
    await listing
    const log = await readLog(storageUrl, NAMESPACE)
    await eventually(() => followers.forEach(({ follower }) => assert.equal(follower.last, log.at(-1)!.revision)), { timeoutMs: 60_000 })
    followers.forEach(({ follower }) => follower.stop())
    await Promise.all(followers.map(({ follower }) => follower.done))
    assert.deepEqual(wrongAnswers, [])
    checkAgainstLog(log, followers, lists, acknowledged)
  } finally {
    await stopReplicas(replicas)
  }
})

import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { eventually } from '../../support/eventually.js'
import { namespaceSettled, request, startServer } from '../../support/start-server.js'
import { createConfigMaps } from '../watch/bulk-writes.js'
import { liveWatchers } from '../watch/server-metrics.js'
import {
  NAMESPACES, RESOURCES, bodyFor, describeChange, expectedFor, fiftySubscriptions, keyOf, random, receivedBy, subscribeMessage,
  type CommitType, type Labels, type MadeCommit, type Message,
} from './multiplex-model.js'
import { openAccepted, openSocket, type OpenSocket } from './ws-client.js'

// docs/multiplexed-watch.md: many watches on one socket, each exactly as its own watch URL would be.

const MULTIPLEX_PATH = '/watchplane/v1/multiplex'
const PROTOCOL = 'watchplane.multiplex.v1'
const ORIGIN = 'http://localhost'
/** 5000 × ~4 KB events: about 20 MB per subscription, far beyond the socket's 1 MB high-water mark */
const SLOW_READER_EVENTS = 5000

describe('multiplexed watch', () => {
  let server: RunningWatchplane
  const sockets: OpenSocket[] = []
  // What the server's controllers made before the tests write (every namespace's kube-root-ca.crt):
  // the model starts from it, as the subscriptions see it.
  const baseline: MadeCommit[] = []

  before(async () => {
    server = await startServer()
    for (const name of NAMESPACES) {
      const created = await request(server.url, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name } } })
      assert.equal(created.status, 201, created.text)
      await namespaceSettled(server.url, name)
    }
    for (const resource of RESOURCES) {
      for (const item of (await request(server.url, `/api/v1/${resource}`)).body.items) {
        const { namespace, name, resourceVersion, labels } = item.metadata
        baseline.push({ revision: Number(resourceVersion), type: 'ADDED', resource, namespace, name, labels: labels ?? {} })
      }
    }
    baseline.sort((a, b) => a.revision - b.revision)
  })
  after(async () => {
    for (const socket of sockets) socket.ws.terminate()
    await server.close()
  })

  async function connect(): Promise<{ socket: OpenSocket; messages: () => Message[]; send: (m: unknown) => void }> {
    const socket = await openAccepted(server.url, MULTIPLEX_PATH, { origin: ORIGIN, protocols: [PROTOCOL] })
    sockets.push(socket)
    assert.equal(socket.protocol, PROTOCOL)
    return {
      socket,
      messages: () => socket.messages.map((m) => JSON.parse(m.text) as Message),
      send: (m) => socket.ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
    }
  }

  /** one write through the API, recorded as the commit it made */
  async function write(commits: MadeCommit[], op: { resource: string; namespace: string; name: string; kind: 'create' | 'relabel' | 'touch' | 'delete'; labels?: Labels }): Promise<void> {
    const collection = `/api/v1/namespaces/${op.namespace}/${op.resource}`
    const answer = op.kind === 'create'
      ? await request(server.url, collection, { method: 'POST', body: bodyFor(op.resource, op.name, op.labels ?? {}) })
      : op.kind === 'delete'
        ? await request(server.url, `${collection}/${op.name}`, { method: 'DELETE' })
        : await request(server.url, `${collection}/${op.name}`, {
          method: 'PATCH',
          contentType: 'application/merge-patch+json',
          body: op.kind === 'relabel' ? { metadata: { labels: { app: op.labels?.app ?? null } } } : { metadata: { annotations: { touched: String(commits.length) } } },
        })
    assert.ok(answer.status === 200 || answer.status === 201, `${op.kind} ${op.name}: ${answer.status} ${answer.text}`)
    // A DELETE answers with a Status (no resourceVersion); deletes run alone, so the newest revision is theirs.
    const revision = op.kind === 'delete' ? server.currentRevision() : Number(answer.body.metadata.resourceVersion)
    if (commits.some((c) => c.revision === revision)) return // a no-op patch commits nothing (kube keeps the resourceVersion)
    const type: CommitType = op.kind === 'create' ? 'ADDED' : op.kind === 'delete' ? 'DELETED' : 'MODIFIED'
    commits.push({
      revision, type, resource: op.resource, namespace: op.namespace, name: op.name,
      labels: type === 'DELETED' ? undefined : (answer.body.metadata.labels ?? {}),
    })
  }

  /** `rounds` rounds of concurrent writes (deletes one by one after them), each round touching distinct objects */
  async function writeStream(commits: MadeCommit[], next: () => number, rounds: number, perRound: number): Promise<void> {
    const exists = new Set(commits.filter((c) => c.type !== 'DELETED').map(keyOf))
    for (const c of commits) if (c.type === 'DELETED') exists.delete(keyOf(c))
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!
    const labelChoices: Labels[] = [{ app: 'web' }, { app: 'db' }, {}]
    for (let round = 0; round < rounds; round++) {
      const touched = new Set<string>()
      const ops: Parameters<typeof write>[1][] = []
      while (ops.length < perRound) {
        const target = { resource: pick(RESOURCES), namespace: pick(NAMESPACES), name: `o${Math.floor(next() * 8)}` }
        const key = keyOf(target)
        if (touched.has(key)) continue
        touched.add(key)
        const kind = !exists.has(key) ? 'create' : pick(['relabel', 'relabel', 'touch', 'delete'] as const)
        ops.push({ ...target, kind, labels: pick(labelChoices) })
        if (kind === 'create') exists.add(key)
        if (kind === 'delete') exists.delete(key)
      }
      await Promise.all(ops.filter((op) => op.kind !== 'delete').map((op) => write(commits, op)))
      for (const op of ops.filter((op) => op.kind === 'delete')) await write(commits, op)
    }
  }

  test('50 subscriptions under a stream of concurrent writes each get exactly their events, in order, once', async () => {
    const commits: MadeCommit[] = [...baseline]
    const next = random(20_251_125)
    await writeStream(commits, next, 4, 8)
    const own = commits.slice(baseline.length)
    const midRevisions = [own[5]!.revision, own[17]!.revision, own[30]!.revision]
    const snapshotRevision = server.currentRevision()
    const subs = fiftySubscriptions([...midRevisions, snapshotRevision])

    const mux = await connect()
    for (const sub of subs) mux.send(subscribeMessage(sub))
    // Messages on one socket are handled in order: once this one's initial-events-end arrives,
    // every subscription above has started, so no write below can fall before one of them.
    mux.send({ type: 'subscribe', id: 'ready', version: 'v1', resource: 'namespaces', sendInitialEvents: true, allowWatchBookmarks: true })
    await eventually(() => assert.ok(mux.messages().some((m) => m.id === 'ready' && m.type === 'BOOKMARK'), 'the probe subscription is synced'), { timeoutMs: 10_000 })
    assert.equal(server.currentRevision(), snapshotRevision, 'no write happened while subscribing')

    await writeStream(commits, next, 25, 10)
    commits.sort((a, b) => a.revision - b.revision)
    assert.equal(new Set(commits.map((c) => c.revision)).size, commits.length)

    await eventually(() => {
      const messages = mux.messages()
      for (const sub of subs) assert.deepEqual(receivedBy(messages, sub.id), expectedFor(sub, commits, snapshotRevision), `${sub.id} ${JSON.stringify(subscribeMessage(sub))}`)
    }, { timeoutMs: 15_000 })
    const messages = mux.messages()
    assert.ok(!messages.some((m) => m.type === 'ERROR' || m.type === 'CLOSED'), 'no subscription failed or ended')
    const perSubscription = subs.map((sub) => receivedBy(messages, sub.id).length)
    assert.ok(perSubscription.every((n) => n > 0), 'every subscription saw something')
    for (const sub of subs) {
      const live = receivedBy(messages, sub.id).map((e) => Number(e.split('@')[1])).filter((r) => r > snapshotRevision)
      assert.ok(live.every((r, i) => i === 0 || r > live[i - 1]!), `${sub.id}: revisions strictly increase`)
    }
  })

  test('unsubscribe answers CLOSED and stops that subscription only; its id can be reused', async () => {
    const mux = await connect()
    const configMaps = (id: string) => ({ type: 'subscribe', id, version: 'v1', resource: 'configmaps', namespace: 'mx-b', resourceVersion: String(server.currentRevision()) })
    mux.send(configMaps('leaving'))
    mux.send(configMaps('staying'))
    const commits: MadeCommit[] = []
    await write(commits, { resource: 'configmaps', namespace: 'mx-b', name: 'u1', kind: 'create' })
    await eventually(() => assert.deepEqual(['leaving', 'staying'].map((id) => receivedBy(mux.messages(), id).length), [1, 1]))

    mux.send({ type: 'unsubscribe', id: 'leaving' })
    await eventually(() => assert.ok(mux.messages().some((m) => m.id === 'leaving' && m.type === 'CLOSED'), 'unsubscribe answered CLOSED'))
    await write(commits, { resource: 'configmaps', namespace: 'mx-b', name: 'u2', kind: 'create' })
    await eventually(() => assert.equal(receivedBy(mux.messages(), 'staying').length, 2))
    const leaving = mux.messages().filter((m) => m.id === 'leaving')
    assert.deepEqual(leaving.map((m) => m.type), ['ADDED', 'CLOSED'], 'nothing after CLOSED')

    mux.send({ ...configMaps('leaving'), resourceVersion: String(commits[0]!.revision) })
    await eventually(() => assert.deepEqual(mux.messages().filter((m) => m.id === 'leaving').map((m) => `${m.type} ${m.object?.metadata.name ?? ''}`), ['ADDED u1', 'CLOSED ', 'ADDED u2']))
  })

  test('timeoutSeconds ends a subscription with CLOSED, not before its time; the socket stays open', async () => {
    const mux = await connect()
    const startedMs = Date.now()
    mux.send({ type: 'subscribe', id: 'brief', version: 'v1', resource: 'pods', namespace: 'mx-a', timeoutSeconds: 1 })
    mux.send({ type: 'subscribe', id: 'lasting', version: 'v1', resource: 'pods', namespace: 'mx-a', resourceVersion: String(server.currentRevision()) })
    await eventually(() => assert.ok(mux.messages().some((m) => m.id === 'brief' && m.type === 'CLOSED'), 'the subscription timed out'), { timeoutMs: 6000 })
    const elapsedMs = Date.now() - startedMs
    assert.ok(elapsedMs >= 1000 - 20, `CLOSED ${elapsedMs} ms after subscribing`)
    const commits: MadeCommit[] = []
    await write(commits, { resource: 'pods', namespace: 'mx-a', name: 'after-timeout', kind: 'create' })
    await eventually(() => assert.equal(receivedBy(mux.messages(), 'lasting').length, 1, 'the other subscription still streams'))
    assert.equal(mux.messages().filter((m) => m.id === 'brief').at(-1)?.type, 'CLOSED', 'nothing after CLOSED')
    assert.ok(!mux.socket.isClosed(), 'the socket is still open')
  })

  test('bad subscribes get ERROR (+ CLOSED); the socket and its other subscriptions keep working', async () => {
    const mux = await connect()
    const good = { type: 'subscribe', id: 'good', version: 'v1', resource: 'secrets', namespace: 'mx-c', resourceVersion: String(server.currentRevision()) }
    mux.send(good)
    const old = server.currentRevision()
    const commits: MadeCommit[] = []
    await write(commits, { resource: 'secrets', namespace: 'mx-c', name: 'b1', kind: 'create' })
    await server.compact(server.currentRevision())
    const cases = [
      { id: 'unknown-resource', message: { type: 'subscribe', id: 'unknown-resource', version: 'v1', resource: 'gizmos' }, wantCode: 404, wantClosed: true },
      { id: 'bad-selector', message: { type: 'subscribe', id: 'bad-selector', version: 'v1', resource: 'pods', labelSelector: 'app in' }, wantCode: 400, wantClosed: true },
      { id: 'bad-version', message: { type: 'subscribe', id: 'bad-version', version: 'v1', resource: 'pods', resourceVersion: 'abc' }, wantCode: 400, wantClosed: true },
      { id: 'compacted', message: { type: 'subscribe', id: 'compacted', version: 'v1', resource: 'pods', resourceVersion: String(old - 1) }, wantCode: 410, wantClosed: true },
      // A duplicate must not CLOSE the subscription already open under that id.
      { id: 'good', message: good, wantCode: 400, wantClosed: false },
      { id: '', message: 'not json', wantCode: 400, wantClosed: false },
      { id: '', message: { type: 'resubscribe', id: 'x' }, wantCode: 400, wantClosed: false },
    ]
    for (const c of cases) mux.send(c.message)
    await write(commits, { resource: 'secrets', namespace: 'mx-c', name: 'b2', kind: 'create' })
    await eventually(() => assert.equal(receivedBy(mux.messages(), 'good').length, 2))

    const messages = mux.messages()
    const errors = messages.filter((m) => m.type === 'ERROR')
    // Refusals of different subscriptions are not ordered among themselves: a compacted revision is
    // refused by the storage read, after the synchronous checks of the subscribes sent behind it.
    const byId = (pairs: [string, number][]) => pairs.map((p) => JSON.stringify(p)).sort()
    assert.deepEqual(byId(errors.map((m) => [m.id, m.object.code])), byId(cases.map((c) => [c.id, c.wantCode])))
    for (const m of errors) assert.equal(m.object.kind, 'Status')
    for (const c of cases.filter((c) => c.wantClosed)) {
      assert.deepEqual(messages.filter((m) => m.id === c.id).map((m) => m.type), ['ERROR', 'CLOSED'], c.id)
    }
    assert.deepEqual(receivedBy(messages, 'good'), commits.map((c) => describeChange('ADDED', 'mx-c', c.name, c.revision)))
    assert.ok(!messages.some((m) => m.id === 'good' && m.type === 'CLOSED'), 'the open subscription was not closed by its duplicate')
    assert.ok(!mux.socket.isClosed(), 'the socket is still open')
  })

  test('an id is free again after its subscription ended with 410 or was unsubscribed while waiting; a resourceVersion from the future gets 504', async () => {
    const mux = await connect()
    await request(server.url, '/api/v1/namespaces/mx-c/configmaps', { method: 'POST', body: { metadata: { name: 'compacted-away' } } })
    await server.compact(server.currentRevision())
    const stale = { type: 'subscribe', id: 'again', version: 'v1', resource: 'configmaps', namespace: 'mx-c', resourceVersion: '1' }
    mux.send(stale)
    await eventually(() => assert.deepEqual(mux.messages().filter((m) => m.id === 'again').map((m) => m.type), ['ERROR', 'CLOSED'], 'a 410 then CLOSED'))
    mux.send({ type: 'subscribe', id: 'again', version: 'v1', resource: 'configmaps', namespace: 'mx-c', sendInitialEvents: true, allowWatchBookmarks: true })
    await eventually(() => assert.ok(mux.messages().some((m) => m.id === 'again' && m.type === 'BOOKMARK'), 'the reused id streams'))
    assert.equal(mux.messages().filter((m) => m.id === 'again' && m.type === 'ERROR').length, 1, 'no "already open" refusal')
    // Unsubscribed while waiting for its revision: CLOSED at once; the id is free, and the wait,
    // when it times out, neither refuses nor starts anything under it.
    const cancelled = () => mux.messages().filter((m) => m.id === 'cancelled').map((m) => m.type)
    mux.send({ type: 'subscribe', id: 'cancelled', version: 'v1', resource: 'configmaps', resourceVersion: String(server.currentRevision() + 1000) })
    mux.send({ type: 'unsubscribe', id: 'cancelled' })
    await eventually(() => assert.deepEqual(cancelled(), ['CLOSED']))
    mux.send({ type: 'subscribe', id: 'cancelled', version: 'v1', resource: 'configmaps', namespace: 'mx-c', sendInitialEvents: true, allowWatchBookmarks: true })
    await eventually(() => assert.ok(cancelled().includes('BOOKMARK'), 'the id streams again'))
    mux.send({ type: 'subscribe', id: 'future', version: 'v1', resource: 'configmaps', resourceVersion: String(server.currentRevision() + 1000) })
    await eventually(() => assert.equal(mux.messages().find((m) => m.id === 'future' && m.type === 'ERROR')?.object.code, 504, 'too large resource version'), { timeoutMs: 6000 })
    assert.ok(!cancelled().includes('ERROR') && cancelled().filter((t) => t === 'CLOSED').length === 1, `the cancelled wait stayed quiet: ${cancelled().join(' ')}`)
  })

  test('a slow reader: subscriptions past their bound catch up from the log and lose nothing', async () => {
    const own = await startServer({ watchQueueFrames: 64 })
    const socket = await openAccepted(own.url, MULTIPLEX_PATH, { origin: ORIGIN, protocols: [PROTOCOL] })
    try {
      const created = await request(own.url, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: 'mx-slow' } } })
      assert.equal(created.status, 201, created.text)
      await namespaceSettled(own.url, 'mx-slow')
      const subscribe = { type: 'subscribe', version: 'v1', resource: 'configmaps', namespace: 'mx-slow', fieldSelector: 'metadata.name!=kube-root-ca.crt' }
      socket.ws.send(JSON.stringify({ ...subscribe, id: 'from-rv', resourceVersion: String(own.currentRevision()) }))
      socket.ws.send(JSON.stringify({ ...subscribe, id: 'streaming', sendInitialEvents: true, allowWatchBookmarks: true }))
      const messages = () => socket.messages.map((m) => JSON.parse(m.text) as Message)
      await eventually(() => assert.ok(messages().some((m) => m.id === 'streaming' && m.type === 'BOOKMARK'), 'both subscriptions started'))
      const watchersBefore = await liveWatchers(own)

      socket.ws.pause()
      await createConfigMaps(own, 'mx-slow', { prefix: 'slow', count: SLOW_READER_EVENTS })
      assert.equal(await liveWatchers(own), watchersBefore - 2, 'both subscriptions overflowed their queues')
      socket.ws.resume()

      const events = (id: string) => messages().filter((m) => m.id === id && m.type === 'ADDED')
      await eventually(() => assert.deepEqual([events('from-rv').length, events('streaming').length], [SLOW_READER_EVENTS, SLOW_READER_EVENTS]), { timeoutMs: 20_000, intervalMs: 100 })
      for (const id of ['from-rv', 'streaming']) {
        const revisions = events(id).map((m) => Number(m.object.metadata.resourceVersion))
        assert.ok(revisions.every((r, i) => i === 0 || r > revisions[i - 1]!), `${id}: revisions strictly increase`)
        assert.equal(new Set(events(id).map((m) => m.object.metadata.name)).size, SLOW_READER_EVENTS, `${id}: each object once`)
      }
      assert.ok(!messages().some((m) => m.type === 'ERROR' || m.type === 'CLOSED'), 'no subscription failed or ended')
    } finally {
      socket.ws.terminate()
      await own.close()
    }
  })

  test('a multiplexed handshake without Origin is refused with 403', async () => {
    const refused = await openSocket(server.url, MULTIPLEX_PATH, { protocols: [PROTOCOL] })
    assert.equal(refused.isOpen, false)
    if (!refused.isOpen) assert.equal(refused.status, 403)
  })

  test('closing the server closes an open multiplexed socket (close() must not wait on it forever)', async () => {
    const own = await startServer()
    const socket = await openAccepted(own.url, MULTIPLEX_PATH, { origin: ORIGIN, protocols: [PROTOCOL] })
    socket.ws.send(JSON.stringify({ type: 'subscribe', id: 'p', version: 'v1', resource: 'pods' }))
    const closing = own.close()
    try {
      const outcome = await Promise.race([closing.then(() => 'closed'), new Promise((resolve) => setTimeout(resolve, 3000, 'still open'))])
      assert.equal(outcome, 'closed', 'server.close() resolved within 3 s')
      await eventually(() => assert.ok(socket.isClosed(), 'the client saw its socket close'))
    } finally {
      socket.ws.terminate()
      await closing
    }
  })
})

import assert from 'node:assert/strict'
import { test, type TestContext } from 'node:test'
import { connectWatchplane, type Informer, type InformerEvent, type KubeObject, type WatchplaneConnection } from '../../../src/client/watchplane-client.js'
import type { StartOptions } from '../../../src/start-watchplane.js'
import { eventually } from '../../support/eventually.js'
import { request, startServer } from '../../support/start-server.js'
import { startTcpProxy } from '../../support/tcp-proxy.js'
import { tlsOptionsFor } from '../../support/server-credentials.js'

type ConfigMap = KubeObject & { data?: Record<string, string> }

// Every namespace holds kube-root-ca.crt (its controller's): the tests watch only their own config maps.
const CONFIGMAPS = { version: 'v1', resource: 'configmaps', fieldSelector: 'metadata.name!=kube-root-ca.crt' }
const FAST_BACKOFF = { initialDelayMs: 10, maxDelayMs: 100 }

const configMapsPath = (namespace: string, name = '') => `/api/v1/namespaces/${namespace}/configmaps${name && `/${name}`}`

async function expectStatus(pending: ReturnType<typeof request>, ...statuses: number[]): Promise<any> {
  const response = await pending
  assert.ok(statuses.includes(response.status), `status ${response.status}: ${response.text}`)
  return response.body
}

const createNamespace = (url: string, name: string) =>
  expectStatus(request(url, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name } } }), 201)
const createConfigMap = (url: string, namespace: string, name: string, v: string) =>
  expectStatus(request(url, configMapsPath(namespace), { method: 'POST', body: { metadata: { name }, data: { v } } }), 201)
const patchConfigMap = (url: string, namespace: string, name: string, v: string) =>
  expectStatus(request(url, configMapsPath(namespace, name), { method: 'PATCH', body: { data: { v } }, contentType: 'application/merge-patch+json' }), 200)
const deleteConfigMap = (url: string, namespace: string, name: string) =>
  expectStatus(request(url, configMapsPath(namespace, name), { method: 'DELETE' }), 200)

/** name → resourceVersion, sorted: how the cache and the server are compared */
const summary = (objects: KubeObject[]) => objects.map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`).sort()

async function assertCacheEqualsServer(informer: Informer<ConfigMap>, url: string, namespace: string): Promise<void> {
  const list = await expectStatus(request(url, `${configMapsPath(namespace)}?fieldSelector=${encodeURIComponent(CONFIGMAPS.fieldSelector)}`), 200)
  assert.deepEqual(summary(informer.list()), summary(list.items))
}

/**
 * A server with a namespace, a cutting proxy in front of it, and a connection through the proxy.
 * Everything is closed after the test, however it ended.
 */
async function setUp(t: TestContext, options: { namespace: string; server?: StartOptions }) {
  const server = await startServer(options.server)
  const proxy = await startTcpProxy({ port: server.port })
  await createNamespace(server.url, options.namespace)
  let connection: WatchplaneConnection | undefined
  t.after(async () => {
    await connection?.close()
    await proxy.close()
    await server.close()
  })
  const connect = () => (connection = connectWatchplane({ url: proxy.url, tls: tlsOptionsFor(server.url), backoff: FAST_BACKOFF }))
  return { server, proxy, connect }
}

const describe = (event: InformerEvent<ConfigMap>) =>
  `${event.type} ${event.object.metadata.name}${event.type === 'update' ? ` ${String(event.oldObject.data?.['v'])}->${String(event.object.data?.['v'])}` : ''}`

test('adds, updates and deletes reach the handlers, events$, cache$ and the cache; close() ends everything', async (t) => {
  const namespace = 'informer-basic'
  const { server, connect } = await setUp(t, { namespace })
  await createConfigMap(server.url, namespace, 'listed', '0')
  const timersBefore = activeTimers()
  const connection = connect()
  const informer = connection.informer<ConfigMap>({ ...CONFIGMAPS, namespace })
  const namespaces = connection.informer({ version: 'v1', resource: 'namespaces' }) // a second subscription, same socket
  const handled: string[] = []
  informer.on('add', (o) => handled.push(`add ${o.metadata.name}`))
  informer.on('update', (o, old) => handled.push(`update ${o.metadata.name} ${String(old.data?.['v'])}->${String(o.data?.['v'])}`))
  informer.on('delete', (o) => handled.push(`delete ${o.metadata.name}`))
  const streamed: string[] = []
  const completed = new Set<string>()
  informer.events$.subscribe({ next: (e) => streamed.push(describe(e)), complete: () => completed.add('events$') })
  informer.synced$.subscribe({ complete: () => completed.add('synced$') })
  const cacheSizes: number[] = []
  informer.cache$.subscribe({ next: (cache) => cacheSizes.push(cache.size), complete: () => completed.add('cache$') })

  const refused = connection.informer({ version: 'v1', resource: 'nosuchthings' })
  const refusals: number[] = []
  refused.errors$.subscribe({ next: (error) => refusals.push(error.code), complete: () => completed.add('refused') })
  await eventually(() => assert.ok(informer.hasSynced && namespaces.hasSynced, 'synced'))
  await eventually(() => assert.deepEqual(refusals.slice(0, 2), [404, 404], 'a refused subscription is retried and reported'))
  refused.close()
  assert.ok(completed.has('refused'), 'closing one informer completes its Observables')
  assert.deepEqual(handled, ['add listed'])
  assert.ok(namespaces.get(undefined, namespace), 'the namespaces informer lists cluster-scoped objects by name')

  await createConfigMap(server.url, namespace, 'a', '1')
  await patchConfigMap(server.url, namespace, 'a', '2')
  await deleteConfigMap(server.url, namespace, 'listed')
  const want = ['add listed', 'add a', 'update a 1->2', 'delete listed']
  await eventually(() => assert.deepEqual(handled, want))
  assert.deepEqual(streamed, want)
  assert.deepEqual(cacheSizes, [1, 2, 2, 1], 'one snapshot at sync, then one per change')
  assert.equal(informer.get(namespace, 'a')?.data?.['v'], '2')
  assert.equal(informer.get(namespace, 'listed'), undefined)
  assert.equal(informer.resourceVersion, String(server.currentRevision()), 'the last event moved the resume point')
  await assertCacheEqualsServer(informer, server.url, namespace)
  assert.equal(connection.openCount, 1)

  await connection.close()
  assert.deepEqual([...completed].sort(), ['cache$', 'events$', 'refused', 'synced$'])
  // The client's timers are gone at once; the server's per-watch timers once it has seen the socket close.
  await eventually(() => assert.equal(activeTimers(), timersBefore, 'no timers left'))
})

const activeTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length

/** Writers creating, patching and deleting their own configmaps until `shouldStop()`. */
async function writeLoad(url: string, namespace: string, options: { writers: number; names: number; shouldStop: () => boolean }): Promise<number> {
  let writes = 0
  const writer = async (w: number) => {
    const exists = new Set<string>()
    for (let i = 0; !options.shouldStop(); i++) {
      const name = `w${w}-${Math.floor(Math.random() * options.names)}`
      if (!exists.has(name)) await createConfigMap(url, namespace, name, String(i)).then(() => exists.add(name))
      else if (Math.random() < 0.6) await patchConfigMap(url, namespace, name, String(i))
      else await deleteConfigMap(url, namespace, name).then(() => exists.delete(name))
      writes += 1
    }
  }
  await Promise.all(Array.from({ length: options.writers }, (_, w) => writer(w)))
  return writes
}

test('under write load with the connection cut 20 times, the cache ends equal to the server, with no relist and no duplicate', async (t) => {
  const namespace = 'informer-chaos'
  const { server, proxy, connect } = await setUp(t, { namespace, server: { bookmarkIntervalMs: 50 } })
  for (let i = 0; i < 10; i++) await createConfigMap(server.url, namespace, `seed-${i}`, '0')
  const connection = connect()
  const informer = connection.informer<ConfigMap>({ ...CONFIGMAPS, namespace })
  await eventually(() => assert.ok(informer.hasSynced, 'synced'))
  const shadow = new Map(informer.list().map((o) => [o.metadata.name, o]))
  const revisions: number[] = []
  informer.events$.subscribe((event) => {
    revisions.push(Number(event.object.metadata.resourceVersion))
    if (event.type === 'delete') shadow.delete(event.object.metadata.name)
    else shadow.set(event.object.metadata.name, event.object)
  })

  let cuts = 0
  const startedMs = Date.now()
  const writing = writeLoad(server.url, namespace, { writers: 4, names: 15, shouldStop: () => cuts >= 20 && Date.now() - startedMs > 3000 })
  while (cuts < 20) {
    // Cut after a random number of events (sometimes none: mid-handshake), so cuts land anywhere in the stream.
    const after = revisions.length + Math.floor(Math.random() * 15)
    await eventually(() => assert.ok(proxy.openConnections > 0 && revisions.length >= after, 'connected, events seen'), { timeoutMs: 10_000, intervalMs: 5 })
    cuts += proxy.cutAll() > 0 ? 1 : 0
  }
  const writes = await writing
  await eventually(() => assertCacheEqualsServer(informer, server.url, namespace), { timeoutMs: 10_000 })

  assert.ok(writes > 200, `only ${writes} writes`)
  // A cut can land before the WebSocket handshake completes, so count TCP connections, not sockets opened.
  assert.ok(proxy.acceptedConnections >= 21, `${proxy.acceptedConnections} connections for 20 cuts`)
  assert.ok(connection.openCount > 10, `${connection.openCount} sockets opened`)
  assert.equal(informer.listCount, 1, 'every reconnect resumed from the resourceVersion: no relist')
  const outOfOrder = revisions.findIndex((revision, i) => i > 0 && revision <= revisions[i - 1]!)
  assert.equal(outOfOrder, -1, `events in strictly increasing resourceVersion order (duplicate or reordered at #${outOfOrder})`)
  assert.deepEqual(summary([...shadow.values()]), summary(informer.list()), 'the events alone rebuild the cache')
})

test('after compaction past its resourceVersion while disconnected, the informer relists on 410 and reports the differences', async (t) => {
  const namespace = 'informer-compacted'
  const { server, proxy, connect } = await setUp(t, { namespace })
  for (const name of ['kept', 'changed', 'dropped']) await createConfigMap(server.url, namespace, name, '1')
  const connection = connect()
  const informer = connection.informer<ConfigMap>({ ...CONFIGMAPS, namespace })
  await eventually(() => assert.ok(informer.hasSynced, 'synced'))
  const events: string[] = []
  informer.events$.subscribe((event) => events.push(describe(event)))
  const resumeFrom = Number(informer.resourceVersion)

  proxy.isRefusing = true
  assert.equal(proxy.cutAll(), 1)
  await patchConfigMap(server.url, namespace, 'changed', '2')
  await deleteConfigMap(server.url, namespace, 'dropped')
  await createConfigMap(server.url, namespace, 'added', '1')
  server.compact(server.currentRevision())
  assert.ok(server.currentRevision() > resumeFrom, 'compacted past the resume point')
  proxy.isRefusing = false

  await eventually(() => assert.equal(informer.listCount, 2))
  await eventually(() => assertCacheEqualsServer(informer, server.url, namespace))
  assert.deepEqual(events.sort(), ['add added', 'delete dropped', 'update changed 1->2'])
  assert.equal(informer.resourceVersion, String(server.currentRevision()))
  assert.equal(connection.openCount, 2)
})

import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { describe, test } from 'node:test'
import { CoreV1Api, KubeConfig, makeInformer, type V1Pod } from '@kubernetes/client-node'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { eventually } from '../../support/eventually.js'
import { request, startServer, tempDataDir } from '../../support/start-server.js'

// @kubernetes/client-node 1.4 makeInformer against a real server (k8s-contract.md §5): list, then
// watch from the list's resourceVersion; on a stream end it rewatches from the last resourceVersion
// seen, on ERROR 410 it relists.

const NAMESPACE = 'default'
const PODS = `/api/v1/namespaces/${NAMESPACE}/pods`
const RECONNECT_DELAY_MS = 100

/** The server's own kubeconfig; client-node 1.x refuses http:// unless the cluster skips TLS verification. */
function kubeConfigOf(server: RunningWatchplane): KubeConfig {
  const loaded = new KubeConfig()
  loaded.loadFromFile(server.kubeconfigPath!)
  const kc = new KubeConfig()
  kc.loadFromOptions({
    clusters: loaded.clusters.map((cluster) => ({ ...cluster, skipTLSVerify: true })),
    users: loaded.users,
    contexts: loaded.contexts,
    currentContext: loaded.getCurrentContext(),
  })
  return kc
}

/**
 * A pod informer as applications write one: on `error` (the informer gives up its watch) it starts
 * again after a short delay, unless the test holds reconnects back or stopped it.
 */
function podInformer(server: RunningWatchplane) {
  const kc = kubeConfigOf(server)
  const api = kc.makeApiClient(CoreV1Api)
  const seen: string[] = []
  // `generation` counts starts: a reconnect scheduled before a stop and a later start must not start
  // a second list-and-watch beside the one that start() began.
  const state = { lists: 0, errors: 0, isStopped: false, mayReconnect: true, generation: 0 }
  const informer = makeInformer<V1Pod>(kc, PODS, () => {
    state.lists += 1
    return api.listNamespacedPod({ namespace: NAMESPACE })
  })
  for (const verb of ['add', 'update', 'delete'] as const) informer.on(verb, (pod) => seen.push(`${verb} ${pod.metadata!.name}`))
  const reconnect = (generation: number) => {
    if (state.isStopped || generation !== state.generation) return
    if (!state.mayReconnect) return void setTimeout(() => reconnect(generation), RECONNECT_DELAY_MS)
    void informer.start()
  }
  informer.on('error', () => {
    state.errors += 1
    const generation = state.generation
    setTimeout(() => reconnect(generation), RECONNECT_DELAY_MS)
  })
  const cache = () => informer.list(NAMESPACE).map((pod) => `${pod.metadata!.name}@${pod.metadata!.resourceVersion}`).sort()
  const stop = async () => {
    state.isStopped = true
    await informer.stop()
  }
  const start = async () => {
    state.isStopped = false
    state.generation += 1
    await informer.start()
  }
  return { informer, seen, state, cache, start, stop }
}

async function serverPods(server: RunningWatchplane): Promise<string[]> {
  const listed = await request(server.url, PODS)
  assert.equal(listed.status, 200, listed.text)
  return listed.body.items.map((pod: V1Pod) => `${pod.metadata!.name}@${pod.metadata!.resourceVersion}`).sort()
}

async function write(server: RunningWatchplane, method: string, path: string, body?: unknown): Promise<void> {
  const contentType = method === 'PATCH' ? 'application/merge-patch+json' : undefined
  const answer = await request(server.url, path, { method, body, ...(contentType ? { contentType } : {}) })
  assert.ok(answer.status === 200 || answer.status === 201, `${method} ${path}: ${answer.status} ${answer.text}`)
}

const createPod = (server: RunningWatchplane, name: string) =>
  write(server, 'POST', PODS, { metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }] } })
const labelPod = (server: RunningWatchplane, name: string, value: string) =>
  write(server, 'PATCH', `${PODS}/${name}`, { metadata: { labels: { step: value } } })
const deletePod = (server: RunningWatchplane, name: string) => write(server, 'DELETE', `${PODS}/${name}`)

/** the informer's cache lists exactly what the server lists, names and resourceVersions */
async function expectCacheEqualsServer(server: RunningWatchplane, cache: () => string[], wantNames: string[]): Promise<void> {
  await eventually(async () => {
    const listed = await serverPods(server)
    assert.deepEqual(listed.map((entry) => entry.split('@')[0]), wantNames)
    assert.deepEqual(cache(), listed)
  }, { timeoutMs: 10_000 })
}

describe('client-node 1.4 informer', () => {
  test('sees add, update and delete, and its cache equals the server list', async () => {
    const server = await startServer()
    const pods = podInformer(server)
    try {
      await createPod(server, 'listed')
      await pods.start()
      await eventually(() => assert.deepEqual(pods.seen, ['add listed']))
      await createPod(server, 'a')
      await createPod(server, 'b')
      await labelPod(server, 'a', 'one')
      await deletePod(server, 'b')
      await eventually(() => assert.deepEqual(pods.seen, ['add listed', 'add a', 'add b', 'update a', 'delete b']))
      await expectCacheEqualsServer(server, pods.cache, ['a', 'listed'])
      assert.equal(pods.informer.get('a', NAMESPACE)?.metadata?.labels?.step, 'one')
      assert.deepEqual({ lists: pods.state.lists, errors: pods.state.errors }, { lists: 1, errors: 0 })
    } finally {
      await pods.stop()
      await server.close()
    }
  })

  test('a server restart on the same data dir and port mid-watch: the informer resumes from its resourceVersion without relisting', async () => {
    const dataDir = tempDataDir()
    let server = await startServer({ dataDir })
    const pods = podInformer(server)
    try {
      await createPod(server, 'a')
      await createPod(server, 'b')
      await pods.start()
      await eventually(() => assert.deepEqual(pods.seen, ['add a', 'add b']))

      // Hold reconnects back until the restarted server has changes the informer must replay.
      pods.state.mayReconnect = false
      const { port } = server
      await server.close()
      await eventually(() => assert.ok(pods.state.errors > 0, 'the informer noticed its watch is gone'))
      server = await startServer({ dataDir, port })
      await createPod(server, 'c')
      await labelPod(server, 'a', 'after-restart')
      await deletePod(server, 'b')
      pods.state.mayReconnect = true

      await expectCacheEqualsServer(server, pods.cache, ['a', 'c'])
      await createPod(server, 'live')
      await expectCacheEqualsServer(server, pods.cache, ['a', 'c', 'live'])
      assert.deepEqual(pods.seen, ['add a', 'add b', 'add c', 'update a', 'delete b', 'add live'])
      assert.equal(pods.state.lists, 1, 'resumed by watching from its resourceVersion, not by relisting')
    } finally {
      await pods.stop()
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  test('a watch from a compacted resourceVersion gets 410, and the informer relists to the server state', async () => {
    const server = await startServer()
    const pods = podInformer(server)
    try {
      await createPod(server, 'kept')
      await createPod(server, 'removed')
      await pods.start()
      await eventually(() => assert.deepEqual(pods.seen, ['add kept', 'add removed']))
      // What the informer holds as its resourceVersion: it listed both pods and nothing was written since.
      const lastSeen = (await request(server.url, PODS)).body.metadata.resourceVersion

      await pods.stop()
      await deletePod(server, 'removed')
      await createPod(server, 'added')
      await labelPod(server, 'kept', 'changed')
      await server.compact(server.currentRevision())
      const watchFromOld = await request(server.url, `${PODS}?watch=true&resourceVersion=${lastSeen}`)
      assert.match(watchFromOld.text, /"code":410/, 'the informer\'s resourceVersion is compacted away')

      await pods.start()
      await expectCacheEqualsServer(server, pods.cache, ['added', 'kept'])
      assert.equal(pods.state.lists, 2, 'the 410 made it relist')
      assert.deepEqual(pods.seen.slice(2).sort(), ['add added', 'delete removed', 'update kept'])
      await createPod(server, 'live')
      await expectCacheEqualsServer(server, pods.cache, ['added', 'kept', 'live'])
    } finally {
      await pods.stop()
      await server.close()
    }
  })
})

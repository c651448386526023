import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { CoreV1Api, KubeConfig, makeInformer, type V1ConfigMap } from '@kubernetes/client-node'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { eventually } from '../../support/eventually.js'
import { Kubectl, kubectlAvailability } from '../../support/kubectl.js'
import { needsPostgres, sharedPostgres } from '../../support/postgres.js'
import { startServer } from '../../support/start-server.js'

// Real clients against two replicas on one PostgreSQL. The replicas run in this process on their
// own ports: each has its own pool, tailer and commit stream, exactly as a replica process has, and
// the clients reach them only over HTTP (the e2e proof in replicas.test.ts runs separate processes).

let a: RunningWatchplane
let b: RunningWatchplane

/** A replica's own kubeconfig; client-node 1.x refuses http:// unless the cluster skips TLS verification. */
function kubeConfigOf(server: RunningWatchplane): KubeConfig {
  const loaded = new KubeConfig()
  loaded.loadFromFile(server.kubeconfigPath!)
  const kc = new KubeConfig()
  kc.loadFromOptions({ clusters: loaded.clusters.map((c) => ({ ...c, skipTLSVerify: true })), users: loaded.users, contexts: loaded.contexts, currentContext: loaded.getCurrentContext() })
  return kc
}

describe('clients against replicas on one PostgreSQL', needsPostgres, () => {
  before(async () => {
    const storage = await (await sharedPostgres()).createDatabase()
    a = await startServer({ storage })
    b = await startServer({ storage })
  })
  after(async () => {
    await Promise.all([a?.close(), b?.close()])
  })

  test('kubectl: a watch on replica A sees what kubectl writes through replica B, and A reads B\'s writes at once', kubectlAvailability(), async () => {
    const [onA, onB] = [new Kubectl(a.kubeconfigPath!), new Kubectl(b.kubeconfigPath!)]
    await onB.ok(['create', 'namespace', 'shared'])
    const watch = onA.background(['-n', 'shared', 'get', 'configmaps', '-w', '--output-watch-events', '-o', 'custom-columns=EVENT:.type,NAME:.object.metadata.name,V:.object.data.v'])
    try {
      await onB.ok(['-n', 'shared', 'create', 'configmap', 'from-b', '--from-literal=v=1'])
      // Read-your-writes across replicas: A waits for its tailer to reach B's revision.
      assert.match(await onA.ok(['-n', 'shared', 'get', 'configmap', 'from-b', '-o', 'jsonpath={.data.v}']), /^1$/)
      await onA.ok(['-n', 'shared', 'patch', 'configmap', 'from-b', '-p', '{"data":{"v":"2"}}'])
      await onB.ok(['-n', 'shared', 'delete', 'configmap', 'from-b'])
      await eventually(() => {
        const lines = watch.output().split('\n').filter((line) => line.includes('from-b')).map((line) => line.trim().split(/\s+/).join(' '))
        assert.deepEqual(lines, ['ADDED from-b 1', 'MODIFIED from-b 2', 'DELETED from-b 2'], watch.output())
      }, { timeoutMs: 10_000 })
    } finally {
      watch.child.kill()
    }
  })

  test('client-node informer on replica A: its cache follows writes made through replica B', async () => {
    const namespace = 'default'
    const kcA = kubeConfigOf(a)
    const apiA = kcA.makeApiClient(CoreV1Api)
    const apiB = kubeConfigOf(b).makeApiClient(CoreV1Api)
    const seen: string[] = []
    const informer = makeInformer<V1ConfigMap>(kcA, `/api/v1/namespaces/${namespace}/configmaps`, () => apiA.listNamespacedConfigMap({ namespace }))
    for (const verb of ['add', 'update', 'delete'] as const) informer.on(verb, (cm) => cm.metadata!.name!.startsWith('inf-') && seen.push(`${verb} ${cm.metadata!.name}`))
    await informer.start()
    try {
      await apiB.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'inf-1' }, data: { v: '1' } } })
      await apiB.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'inf-2' } } })
      await apiB.replaceNamespacedConfigMap({ namespace, name: 'inf-1', body: { metadata: { name: 'inf-1' }, data: { v: '2' } } })
      await apiB.deleteNamespacedConfigMap({ namespace, name: 'inf-2' })
      await eventually(() => assert.deepEqual(seen, ['add inf-1', 'add inf-2', 'update inf-1', 'delete inf-2']), { timeoutMs: 10_000 })
      const listedOnB = await apiB.listNamespacedConfigMap({ namespace })
      const cache = informer.list(namespace).map((cm) => `${cm.metadata!.name}@${cm.metadata!.resourceVersion}`).sort()
      assert.deepEqual(cache, listedOnB.items.map((cm) => `${cm.metadata!.name}@${cm.metadata!.resourceVersion}`).sort())
    } finally {
      await informer.stop()
    }
  })
})

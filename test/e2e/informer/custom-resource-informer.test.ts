import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { CustomObjectsApi, KubeConfig, makeInformer, type KubernetesObject } from '@kubernetes/client-node'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { eventually } from '../../support/eventually.js'
import { request, startServer } from '../../support/start-server.js'

const WIDGET_CRD = JSON.parse(readFileSync(fileURLToPath(new URL('../../fixtures/crd/widget-crd.json', import.meta.url)), 'utf8'))
const WIDGETS = '/apis/example.com/v1/namespaces/default/widgets'

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

// @kubernetes/client-node 1.4: CustomObjectsApi and makeInformer over a custom resource path.
describe('client-node: an informer on a custom resource', () => {
  test('lists, then sees adds, updates and deletes made through CustomObjectsApi', async () => {
    const server = await startServer()
    try {
      assert.equal((await request(server.url, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { method: 'POST', body: WIDGET_CRD })).status, 201)
      const kc = kubeConfigOf(server)
      const api = kc.makeApiClient(CustomObjectsApi)
      const base = { group: 'example.com', version: 'v1', namespace: 'default', plural: 'widgets' }
      await api.createNamespacedCustomObject({ ...base, body: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'first' }, spec: { color: 'red' } } })
      const seen: string[] = []
      const informer = makeInformer<KubernetesObject>(kc, WIDGETS, () => api.listNamespacedCustomObject(base) as never)
      for (const verb of ['add', 'update', 'delete'] as const) informer.on(verb, (o) => seen.push(`${verb} ${o.metadata!.name}`))
      await informer.start()
      try {
        await eventually(() => assert.deepEqual(seen, ['add first']))
        await api.createNamespacedCustomObject({ ...base, body: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'second' }, spec: { color: 'blue' } } })
        // client-node sends JSON patch by default.
        await api.patchNamespacedCustomObject({ ...base, name: 'second', body: [{ op: 'replace', path: '/spec/color', value: 'green' }] })
        await api.deleteNamespacedCustomObject({ ...base, name: 'first' })
        await eventually(() => assert.deepEqual(seen, ['add first', 'add second', 'update second', 'delete first']))
        const cached = informer.list('default') as (KubernetesObject & { spec: { color: string; size: number } })[]
        assert.deepEqual(cached.map((o) => [o.metadata!.name, o.spec.color, o.spec.size]), [['second', 'green', 3]])
      } finally {
        await informer.stop()
      }
    } finally {
      await server.close()
    }
  })
})

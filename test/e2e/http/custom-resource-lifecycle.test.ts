import assert from 'node:assert/strict'
import { readFileSync, rmSync } from 'node:fs'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { eventually } from '../../support/eventually.js'
import { runCli } from '../../support/run-cli.js'
import { request, startServer, tempDataDir } from '../../support/start-server.js'
import { openChunkedWatch } from '../watch/chunked-watch.js'

const WIDGET_CRD = JSON.parse(readFileSync(fileURLToPath(new URL('../../fixtures/crd/widget-crd.json', import.meta.url)), 'utf8'))
const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions'
const V1 = '/apis/example.com/v1/namespaces/default/widgets'
const V1BETA1 = '/apis/example.com/v1beta1/namespaces/default/widgets'

const widget = (name: string, color: string, apiVersion = 'example.com/v1beta1') => ({ apiVersion, kind: 'Widget', metadata: { name }, spec: { color } })


describe('custom resources: versions, selectable fields, restarts and deletion', () => {
  test('two served versions over one storage version: each read, list and watch shows its own apiVersion', async () => {
    const server = await startServer()
    try {
      assert.equal((await request(server.url, CRDS, { method: 'POST', body: WIDGET_CRD })).status, 201)
      const watch = await openChunkedWatch(server.url, `${V1BETA1}?watch=1`)
      const created = await request(server.url, V1BETA1, { method: 'POST', body: widget('a', 'red') })
      assert.equal(created.status, 201, created.text)
      assert.equal(created.body.apiVersion, 'example.com/v1beta1')
      assert.equal(created.body.spec.size, 3)
      assert.equal((await request(server.url, `${V1}/a`)).body.apiVersion, 'example.com/v1')
      await request(server.url, V1, { method: 'POST', body: widget('b', 'blue', 'example.com/v1') })
      const listed = await request(server.url, V1BETA1)
      assert.deepEqual(listed.body.items.map((i: { apiVersion: string }) => i.apiVersion), ['example.com/v1beta1', 'example.com/v1beta1'])
      assert.equal(listed.body.apiVersion, 'example.com/v1beta1')
      await eventually(() => assert.deepEqual(watch.events.map((e) => [e.type, e.object.apiVersion, e.object.metadata.name]), [
        ['ADDED', 'example.com/v1beta1', 'a'], ['ADDED', 'example.com/v1beta1', 'b'],
      ]))
      watch.close()
      const patched = await request(server.url, `${V1BETA1}/b`, { method: 'PATCH', body: { spec: { color: 'green' } }, contentType: 'application/merge-patch+json' })
      assert.equal(patched.body.apiVersion, 'example.com/v1beta1')
      const selected = await request(server.url, `${V1}?fieldSelector=spec.color%3Dgreen`)
      assert.deepEqual(selected.body.items.map((i: { metadata: { name: string } }) => i.metadata.name), ['b'])
      const unsupported = await request(server.url, `${V1}?fieldSelector=spec.size%3D3`)
      assert.equal(unsupported.status, 400)
      assert.equal(unsupported.body.message, 'field label not supported: spec.size')
    } finally {
      await server.close()
    }
  })

  test('discovery and OpenAPI change the moment a CRD is created or changed; the patch operation offers no strategic merge patch', async () => {
    const server = await startServer()
    try {
      const before = (await request(server.url, '/openapi/v3')).body.paths
      assert.equal(before['apis/example.com/v1'], undefined)
      await request(server.url, CRDS, { method: 'POST', body: WIDGET_CRD })
      const aggregated = await request(server.url, '/apis', { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' })
      const group = aggregated.body.items.find((g: { metadata: { name: string } }) => g.metadata.name === 'example.com')
      assert.deepEqual(group.versions.map((v: { version: string }) => v.version), ['v1', 'v1beta1'])
      assert.deepEqual(group.versions[0].resources[0].responseKind, { group: 'example.com', version: 'v1', kind: 'Widget' })
      const legacy = await request(server.url, '/apis/example.com')
      assert.deepEqual(legacy.body.preferredVersion, { groupVersion: 'example.com/v1', version: 'v1' })
      const index = (await request(server.url, '/openapi/v3')).body.paths
      const url: string = index['apis/example.com/v1'].serverRelativeURL
      const document = (await request(server.url, url)).body
      const widget = document.components.schemas['com.example.v1.Widget']
      assert.deepEqual(widget['x-kubernetes-group-version-kind'], [{ group: 'example.com', kind: 'Widget', version: 'v1' }])
      assert.ok(widget.properties.metadata.allOf[0].$ref.endsWith('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'))
      const patch = document.paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}'].patch
      assert.equal(patch.operationId, 'patchExampleComV1NamespacedWidget')
      assert.deepEqual(Object.keys(patch.requestBody.content), ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'])
      const changed = structuredClone(WIDGET_CRD)
      changed.spec.versions[1].schema.openAPIV3Schema.description = 'A widget.'
      changed.metadata.resourceVersion = (await request(server.url, `${CRDS}/widgets.example.com`)).body.metadata.resourceVersion
      const replaced = await request(server.url, `${CRDS}/widgets.example.com`, { method: 'PUT', body: changed })
      assert.equal(replaced.status, 200, replaced.text)
      const after = (await request(server.url, '/openapi/v3')).body.paths['apis/example.com/v1'].serverRelativeURL
      assert.notEqual(after, url)
      assert.equal((await request(server.url, after)).body.components.schemas['com.example.v1.Widget'].description, 'A widget.')
    } finally {
      await server.close()
    }
  })

  test('after a restart the kinds are served again; history knows them; deleting the CRD deletes its objects and its kinds', async () => {
    const dataDir = tempDataDir()
    try {
      let server = await startServer({ dataDir })
      await request(server.url, CRDS, { method: 'POST', body: WIDGET_CRD })
      await request(server.url, V1, { method: 'POST', body: widget('kept', 'red', 'example.com/v1') })
      await request(server.url, `${V1}/kept`, { method: 'PATCH', body: { spec: { color: 'blue' } }, contentType: 'application/merge-patch+json' })
      await server.close()
      server = await startServer({ dataDir })
      try {
        assert.equal((await request(server.url, `${V1BETA1}/kept`)).body.spec.color, 'blue')
        const history = await runCli('history', 'widgets/kept', '-n', 'default', '--data-dir', dataDir)
        assert.equal(history.code, 0, history.stderr)
        assert.match(history.stdout, /^widgets.example.com default\/kept: 2 retained revisions/)
        assert.match(history.stdout, /spec\.color: "red" → "blue"|spec.color/)
        const deleted = await request(server.url, `${CRDS}/widgets.example.com`, { method: 'DELETE' })
        assert.equal(deleted.status, 200)
        assert.deepEqual(deleted.body.metadata.finalizers, ['customresourcecleanup.apiextensions.k8s.io'])
        await eventually(async () => assert.equal((await request(server.url, `${CRDS}/widgets.example.com`)).status, 404))
        assert.equal((await request(server.url, '/apis/example.com/v1')).status, 404)
        const groups = (await request(server.url, '/apis')).body.groups.map((g: { name: string }) => g.name)
        assert.ok(!groups.includes('example.com'))
        await request(server.url, CRDS, { method: 'POST', body: WIDGET_CRD })
        assert.deepEqual((await request(server.url, V1)).body.items, [])
      } finally {
        await server.close()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

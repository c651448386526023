import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { BUILTIN_RESOURCES } from '../../../src/registry/builtin-resources.js'
import { apiVersionOf, isVirtual, type ResourceDefinition } from '../../../src/registry/resource-definition.js'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { eventually } from '../../support/eventually.js'
import { request, startServer } from '../../support/start-server.js'
import { openChunkedWatch } from '../watch/chunked-watch.js'
import { KIND_SAMPLES } from './kind-samples.js'

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io'
const collectionOf = (d: ResourceDefinition) =>
  `${d.group ? `/apis/${d.group}/${d.version}` : `/api/${d.version}`}${d.isNamespaced ? '/namespaces/default' : ''}/${d.plural}`

// Every served kind through the whole server, with no kind-specific code in the test: create,
// get, list, Table, watch, merge and strategic merge patch, delete. Kinds that store nothing
// (the reviews) are only created: access-reviews.test.ts, test/e2e/auth/.
describe('every served kind: create, get, list, table, watch, patch, delete', () => {
  let server: RunningWatchplane
  before(async () => {
    server = await startServer()
  })
  after(() => server.close())

  for (const d of BUILTIN_RESOURCES.filter((r) => !isVirtual(r))) {
    test(`${d.group || 'core'}/${d.plural}`, async () => {
      const sample = KIND_SAMPLES[`${d.group}/${d.plural}`]
      assert.ok(sample, `a sample body for ${d.group}/${d.plural}`)
      const collection = collectionOf(d)
      // A kind whose name rules come from its body (a CRD is named plural.group) names it in its sample.
      const name = (sample['metadata'] as { name?: string } | undefined)?.name ?? `every-${d.singular}`
      const created = await request(server.url, collection, { method: 'POST', body: { apiVersion: apiVersionOf(d), kind: d.kind, ...sample, metadata: { name } } })
      assert.equal(created.status, 201, created.text)
      const item = `${collection}/${name}`
      assert.equal((await request(server.url, item)).body.metadata.uid, created.body.metadata.uid)
      const list = await request(server.url, collection)
      assert.equal(list.body.kind, `${d.kind}List`)
      assert.ok(list.body.items.some((i: any) => i.metadata.name === name))
      const table = (await request(server.url, item, { accept: TABLE })).body
      assert.equal(table.rows[0].cells.length, table.columnDefinitions.length)

      const watch = await openChunkedWatch(server.url, `${collection}?watch=true&resourceVersion=${created.body.metadata.resourceVersion}`)
      try {
        const merged = await request(server.url, item, { method: 'PATCH', contentType: 'application/merge-patch+json', body: { metadata: { labels: { step: 'merge' } } } })
        assert.equal(merged.status, 200, merged.text)
        const strategic = await request(server.url, item, { method: 'PATCH', contentType: 'application/strategic-merge-patch+json', body: { metadata: { labels: { step: 'strategic' } } } })
        assert.equal(strategic.body.metadata.labels.step, 'strategic', strategic.text)
        const deleted = await request(server.url, item, { method: 'DELETE' })
        assert.equal(deleted.status, 200, deleted.text)
        // A namespace outlives its delete request until the finalizer has emptied it.
        await eventually(() => assert.deepEqual(watch.events.map((e) => e.type).filter((t, i, all) => t !== all[i - 1]), ['MODIFIED', 'DELETED']))
      } finally {
        watch.close()
      }
      assert.equal((await request(server.url, item)).status, 404)
    })
  }
})

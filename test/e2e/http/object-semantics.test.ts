import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { eventually } from '../../support/eventually.js'
import { request, startServer } from '../../support/start-server.js'

const deployment = (name: string, replicas = 1) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
})
const DEPLOYMENTS = '/apis/apps/v1/namespaces/default/deployments'

describe('object semantics as kube-apiserver has them', () => {
  let server: RunningWatchplane
  before(async () => {
    server = await startServer()
  })
  after(() => server.close())

  test('generation moves on spec changes only; status through the main resource is ignored', async () => {
    const created = await request(server.url, DEPLOYMENTS, { method: 'POST', body: deployment('g') })
    assert.equal(created.body.metadata.generation, 1)
    const labelled = await request(server.url, `${DEPLOYMENTS}/g`, { method: 'PATCH', contentType: 'application/merge-patch+json', body: { metadata: { labels: { x: 'y' } }, status: { replicas: 9 } } })
    assert.equal(labelled.body.metadata.generation, 1)
    assert.equal(labelled.body.status.replicas, undefined)
    const scaled = await request(server.url, `${DEPLOYMENTS}/g`, { method: 'PATCH', contentType: 'application/merge-patch+json', body: { spec: { replicas: 2 } } })
    assert.equal(scaled.body.metadata.generation, 2)
  })

  test('the status subresource changes status only', async () => {
    const current = (await request(server.url, `${DEPLOYMENTS}/g`)).body
    const body = { ...current, metadata: { ...current.metadata, labels: { changed: 'no' } }, spec: { ...current.spec, replicas: 7 }, status: { replicas: 2, readyReplicas: 2 } }
    const updated = await request(server.url, `${DEPLOYMENTS}/g/status`, { method: 'PUT', body })
    assert.equal(updated.status, 200, updated.text)
    assert.equal(updated.body.status.readyReplicas, 2)
    assert.equal(updated.body.spec.replicas, 2)
    assert.deepEqual(updated.body.metadata.labels, { x: 'y' })
    const table = await request(server.url, `${DEPLOYMENTS}/g`, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' })
    assert.equal(table.body.kind, 'Table')
    assert.equal(table.body.rows[0].cells[1], '2/2')
  })

  test('generateName, managedFields and the audit of who wrote', async () => {
    const created = await request(server.url, '/api/v1/namespaces/default/configmaps?fieldManager=tester', { method: 'POST', body: { metadata: { generateName: 'gen-' }, data: { a: '1' } } })
    assert.match(created.body.metadata.name, /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    assert.equal(created.body.metadata.managedFields[0].manager, 'tester')
    assert.equal(created.body.metadata.managedFields[0].operation, 'Update')
    // data is new (a ConfigMap's zero value has none), so it is owned itself too: ".": {}; keys sorted.
    assert.equal(JSON.stringify(created.body.metadata.managedFields[0].fieldsV1), '{"f:data":{".":{},"f:a":{}},"f:metadata":{"f:generateName":{}}}')
  })

  test('a PUT that only reorders keys is a no-op; managedFields can be replaced or cleared', async () => {
    const path = '/api/v1/namespaces/default/configmaps'
    const created = (await request(server.url, path, { method: 'POST', body: { metadata: { name: 'order' }, data: { a: '1', b: '2' } } })).body
    const reordered = { data: { b: '2', a: '1' }, metadata: created.metadata, kind: 'ConfigMap', apiVersion: 'v1' }
    const put = await request(server.url, `${path}/order`, { method: 'PUT', body: reordered })
    assert.equal(put.body.metadata.resourceVersion, created.metadata.resourceVersion)
    const replaced = [{ manager: 'someone', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } }]
    const patched = await request(server.url, `${path}/order`, { method: 'PATCH', contentType: 'application/json-patch+json', body: [{ op: 'replace', path: '/metadata/managedFields', value: replaced }] })
    assert.deepEqual(patched.body.metadata.managedFields.map((m: { manager: string }) => m.manager), ['someone'])
    const cleared = await request(server.url, `${path}/order`, { method: 'PATCH', contentType: 'application/merge-patch+json', body: { metadata: { managedFields: [{}] } } })
    assert.equal(cleared.body.metadata.managedFields, undefined)
  })

  test('a bad fieldValidation is a 422 on the options; an apply patch must name its kind', async () => {
    const bad = await request(server.url, '/api/v1/namespaces/default/configmaps?fieldValidation=Loose', { method: 'POST', body: { metadata: { name: 'fv' } } })
    assert.equal(bad.status, 422)
    assert.match(bad.body.message, /CreateOptions.meta.k8s.io/)
    const ssa = await request(server.url, '/api/v1/namespaces/default/configmaps/order?fieldManager=x', { method: 'PATCH', contentType: 'application/apply-patch+yaml', rawBody: 'metadata: {name: order}' })
    assert.equal(ssa.status, 400)
    assert.equal(ssa.body.message, 'invalid object type: /, Kind=')
  })

  test('finalizers: delete marks, removing the last finalizer deletes', async () => {
    const path = '/api/v1/namespaces/default/configmaps'
    await request(server.url, path, { method: 'POST', body: { metadata: { name: 'fin', finalizers: ['example.com/keep'] } } })
    const deleting = await request(server.url, `${path}/fin`, { method: 'DELETE' })
    assert.equal(deleting.status, 200)
    assert.ok(deleting.body.metadata.deletionTimestamp)
    assert.equal((await request(server.url, `${path}/fin`)).status, 200)
    const released = await request(server.url, `${path}/fin`, { method: 'PATCH', contentType: 'application/merge-patch+json', body: { metadata: { finalizers: null } } })
    assert.equal(released.status, 200)
    assert.equal((await request(server.url, `${path}/fin`)).status, 404)
  })

  test('deletecollection with a label selector deletes only what it selects', async () => {
    const path = '/api/v1/namespaces/default/configmaps'
    for (const [name, tier] of [['dc1', 'a'], ['dc2', 'a'], ['dc3', 'b']]) {
      await request(server.url, path, { method: 'POST', body: { metadata: { name, labels: { tier: tier! } } } })
    }
    const deleted = await request(server.url, `${path}?labelSelector=tier%3Da`, { method: 'DELETE' })
    assert.deepEqual(deleted.body.items.map((i: { metadata: { name: string } }) => i.metadata.name).sort(), ['dc1', 'dc2'])
    const left = await request(server.url, `${path}?labelSelector=tier`)
    assert.deepEqual(left.body.items.map((i: { metadata: { name: string } }) => i.metadata.name), ['dc3'])
  })

  test('a terminating namespace refuses creates, empties, then goes away', async () => {
    await request(server.url, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: 'doomed' } } })
    await request(server.url, '/api/v1/namespaces/doomed/configmaps', { method: 'POST', body: { metadata: { name: 'held', finalizers: ['example.com/hold'] } } })
    const deleting = await request(server.url, '/api/v1/namespaces/doomed', { method: 'DELETE' })
    assert.equal(deleting.body.status.phase, 'Terminating')
    const refused = await request(server.url, '/api/v1/namespaces/doomed/configmaps', { method: 'POST', body: { metadata: { name: 'late' } } })
    assert.equal(refused.status, 403)
    assert.equal(refused.body.details.causes[0].reason, 'NamespaceTerminating')
    assert.equal((await request(server.url, '/api/v1/namespaces/doomed')).status, 200, 'waits for the finalizer')
    await request(server.url, '/api/v1/namespaces/doomed/configmaps/held', { method: 'PATCH', contentType: 'application/merge-patch+json', body: { metadata: { finalizers: null } } })
    await eventually(async () => assert.equal((await request(server.url, '/api/v1/namespaces/doomed')).status, 404), { timeoutMs: 5000 })
  })

  test('lists paginate at one revision even while writes go on', async () => {
    const path = '/api/v1/namespaces/default/secrets'
    for (let i = 0; i < 5; i++) await request(server.url, path, { method: 'POST', body: { metadata: { name: `s${i}` } } })
    const first = await request(server.url, `${path}?limit=2`)
    assert.equal(first.body.items.length, 2)
    assert.ok(first.body.metadata.continue)
    await request(server.url, `${path}/s4`, { method: 'DELETE' })
    await request(server.url, path, { method: 'POST', body: { metadata: { name: 's9' } } })
    const names: string[] = first.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)
    let token = first.body.metadata.continue
    while (token) {
      const page = await request(server.url, `${path}?limit=2&continue=${encodeURIComponent(token)}`)
      assert.equal(page.body.metadata.resourceVersion, first.body.metadata.resourceVersion)
      names.push(...page.body.items.map((i: { metadata: { name: string } }) => i.metadata.name))
      token = page.body.metadata.continue
    }
    assert.deepEqual(names, ['s0', 's1', 's2', 's3', 's4'])
  })

  test('a list at an exact past revision, and one from the future waits then times out', async () => {
    const path = '/api/v1/namespaces/default/secrets'
    const before = await request(server.url, path)
    await request(server.url, path, { method: 'POST', body: { metadata: { name: 'later' } } })
    const exact = await request(server.url, `${path}?resourceVersion=${before.body.metadata.resourceVersion}&resourceVersionMatch=Exact`)
    assert.deepEqual(exact.body.items.map((i: { metadata: { name: string } }) => i.metadata.name), before.body.items.map((i: { metadata: { name: string } }) => i.metadata.name))
    const future = await request(server.url, `${path}?resourceVersion=999999&resourceVersionMatch=NotOlderThan`)
    assert.equal(future.status, 504)
    assert.equal(future.body.details.causes[0].reason, 'ResourceVersionTooLarge')
  })

  test('health, readiness, metrics and aggregated discovery', async () => {
    assert.equal((await request(server.url, '/livez')).text, 'ok')
    assert.equal((await request(server.url, '/readyz')).text, 'ok')
    const metrics = await request(server.url, '/metrics')
    assert.match(metrics.text, /watchplane_requests_total\{verb="create",resource="apps\/deployments",code="201"\} \d+/)
    assert.match(metrics.text, /watchplane_commit_batch_writes_count \d+/)
    // The suite's writes were durable (durability full): each batch's WAL sync was timed.
    assert.match(metrics.text, /watchplane_wal_fsync_duration_seconds_bucket\{le="8\.192"\} [1-9]\d*/)
    // Holds for a WAL rewind (checkpointer.ts) come only once the WAL reaches 64 MB: none here, but the histogram is served.
    assert.match(metrics.text, /watchplane_wal_rewind_hold_seconds_count 0/)
    const agg = await request(server.url, '/apis', { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' })
    assert.equal(agg.headers.get('content-type'), 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList')
    assert.ok(agg.body.items.some((g: { metadata: { name: string } }) => g.metadata.name === 'apps'))
  })
})

import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { request, startServer } from '../../support/start-server.js'

const APPLY = 'application/apply-patch+yaml'
const CONFIGMAPS = '/api/v1/namespaces/default/configmaps'

describe('server-side apply over HTTP: options, bodies, create, subresources', () => {
  let server: RunningWatchplane
  const apply = (path: string, rawBody: string) => request(server.url, path, { method: 'PATCH', contentType: APPLY, rawBody })
  before(async () => {
    server = await startServer()
  })
  after(() => server.close())

  test('PatchOptions: apply needs a fieldManager, force needs apply; both 422 as kube words them', async () => {
    const unnamed = await apply(`${CONFIGMAPS}/o`, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: o}\n')
    assert.equal(unnamed.status, 422)
    assert.deepEqual(unnamed.body, {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      reason: 'Invalid',
      details: { group: 'meta.k8s.io', kind: 'PatchOptions', causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }] },
      code: 422,
    })
    const forced = await request(server.url, `${CONFIGMAPS}/o?force=true`, { method: 'PATCH', contentType: 'application/merge-patch+json', body: {} })
    assert.equal(forced.status, 422)
    assert.equal(forced.body.message, 'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch')
    const other = await request(server.url, `${CONFIGMAPS}/o`, { method: 'PATCH', contentType: 'application/apply-patch+cbor', rawBody: '' })
    assert.equal(other.status, 415)
    assert.match(other.body.message, /application\/strategic-merge-patch\+json, application\/apply-patch\+yaml$/)
  })

  test('a YAML configuration creates the object (201); applied again unchanged, 200 and the same resourceVersion', async () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yml\ndata:\n  on: "yes"\n'
    const created = await apply(`${CONFIGMAPS}/yml?fieldManager=m`, yaml)
    assert.equal(created.status, 201, created.text)
    // YAML 1.1, as sigs.k8s.io/yaml reads it: an unquoted `on` key is the boolean true.
    assert.deepEqual(created.body.data, { true: 'yes' })
    assert.equal(created.body.metadata.managedFields[0].operation, 'Apply')
    const again = await apply(`${CONFIGMAPS}/yml?fieldManager=m`, yaml)
    assert.equal(again.status, 200)
    assert.equal(again.body.metadata.resourceVersion, created.body.metadata.resourceVersion)
  })

  test('dryRun=All: a would-be create answers 201 and stores nothing', async () => {
    const dry = await apply(`${CONFIGMAPS}/dry?fieldManager=m&dryRun=All`, '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dry"},"data":{"a":"1"}}')
    assert.equal(dry.status, 201)
    assert.deepEqual(dry.body.data, { a: '1' })
    assert.equal((await request(server.url, `${CONFIGMAPS}/dry`)).status, 404)
  })

  test('refusals: a uid for a missing object (409), another name (400), a repeated key under Strict (400), status of a missing object (404)', async () => {
    const withUid = await apply(`${CONFIGMAPS}/u?fieldManager=m`, '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"u","uid":"88e00824-7f0e-11e8-94a1-c8d3ffb15800"}}')
    assert.equal(withUid.status, 409)
    assert.equal(withUid.body.message, 'Operation cannot be fulfilled on configmaps "u": uid mismatch: the provided object specified uid 88e00824-7f0e-11e8-94a1-c8d3ffb15800, and no existing object was found')
    const misnamed = await apply(`${CONFIGMAPS}/n?fieldManager=m`, '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"other"}}')
    assert.equal(misnamed.status, 400)
    assert.equal(misnamed.body.message, 'the name of the object (other) does not match the name on the URL (n)')
    const repeated = await apply(`${CONFIGMAPS}/r?fieldManager=m&fieldValidation=Strict`, '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"r"},"data":{"a":"1","a":"2"}}')
    assert.equal(repeated.status, 400)
    assert.match(repeated.body.message, /^error strict decoding YAML: error converting YAML to JSON: yaml: unmarshal errors:\n {2}line 1: key "a" already set in map$/)
    const status = await apply('/api/v1/namespaces/default/pods/none/status?fieldManager=m', '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"none"}}')
    assert.equal(status.status, 404)
  })

  test('apply to /status changes status only, owned by a status Apply entry; a cluster-scoped kind is created too', async () => {
    const pod = '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"sp"},"spec":{"containers":[{"name":"c","image":"i"}]}}'
    assert.equal((await apply('/api/v1/namespaces/default/pods/sp?fieldManager=creator', pod)).status, 201)
    const status = await apply('/api/v1/namespaces/default/pods/sp/status?fieldManager=kubelet', '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"sp"},"spec":{"nodeName":"n1"},"status":{"phase":"Running"}}')
    assert.equal(status.status, 200, status.text)
    assert.equal(status.body.status.phase, 'Running')
    assert.equal(status.body.spec.nodeName, undefined)
    const entry = status.body.metadata.managedFields.find((e: { manager: string }) => e.manager === 'kubelet')
    assert.deepEqual({ ...entry, time: undefined }, { manager: 'kubelet', operation: 'Apply', apiVersion: 'v1', time: undefined, fieldsType: 'FieldsV1', fieldsV1: { 'f:status': { 'f:phase': {} } }, subresource: 'status' })
    const namespace = await apply('/api/v1/namespaces/applied?fieldManager=m', '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"applied","labels":{"team":"a"}}}')
    assert.equal(namespace.status, 201, namespace.text)
    assert.equal(namespace.body.status.phase, 'Active')
  })
})

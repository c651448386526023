import assert from 'node:assert/strict'
import { test } from 'node:test'
import { operation } from './operation.js'

const gvk = { group: 'apps', version: 'v1', kind: 'Deployment' }
const base = { operationId: 'x', gvk, schema: 'io.k8s.api.apps.v1.Deployment', tag: 'apps_v1' }

test('patch: what kubectl reads to choose server-side validation and strategic merge patch', () => {
  const op = operation({ ...base, action: 'patch' }) as any
  assert.deepEqual(op['x-kubernetes-group-version-kind'], { group: 'apps', kind: 'Deployment', version: 'v1' })
  const query = op.parameters.filter((p: any) => p.in === 'query').map((p: any) => p.name)
  assert.deepEqual(query, ['dryRun', 'fieldManager', 'fieldValidation', 'force'])
  assert.deepEqual(Object.keys(op.requestBody.content), [
    'application/json-patch+json',
    'application/merge-patch+json',
    'application/strategic-merge-patch+json',
    'application/apply-patch+yaml',
  ])
})

test('put and post take the kind as body and list fieldValidation', () => {
  for (const action of ['put', 'post'] as const) {
    const op = operation({ ...base, action }) as any
    assert.deepEqual(op.requestBody.content['application/json'].schema, { $ref: '#/components/schemas/io.k8s.api.apps.v1.Deployment' })
    assert.ok(op.parameters.some((p: any) => p.name === 'fieldValidation'))
    assert.equal(op['x-kubernetes-action'], action)
  }
})

test('delete takes DeleteOptions and answers a Status', () => {
  const op = operation({ ...base, action: 'delete' }) as any
  assert.match(op.requestBody.content['application/json'].schema.$ref, /DeleteOptions$/)
  assert.match(op.responses['200'].content['application/json'].schema.$ref, /meta\.v1\.Status$/)
})

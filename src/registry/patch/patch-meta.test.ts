import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEPLOYMENT_SCHEMA, deploymentSchemas } from './deployment-schemas.fixture.js'
import { NO_PATCH_META, patchMetaFromOpenApi, type PatchMeta } from './patch-meta.js'

/** Follows a path of field names through `child`, failing on an unknown one. */
function fieldAt(meta: PatchMeta, path: string) {
  const names = path.split('.')
  let current = meta
  for (const [index, name] of names.entries()) {
    const field = current.field(name)
    assert.ok(field, `no patch meta for ${names.slice(0, index + 1).join('.')}`)
    if (index === names.length - 1) return field
    current = field.child
  }
  throw new Error('empty path')
}

const deployment = () => patchMetaFromOpenApi(deploymentSchemas, DEPLOYMENT_SCHEMA)

const fields = [
  { path: 'spec.template.spec.containers', strategies: ['merge'], mergeKey: 'name' },
  { path: 'spec.template.spec.volumes', strategies: ['merge', 'retainKeys'], mergeKey: 'name' },
  { path: 'spec.template.spec.containers.env', strategies: ['merge'], mergeKey: 'name' },
  { path: 'spec.template.spec.containers.ports', strategies: ['merge'], mergeKey: 'containerPort' },
  { path: 'spec.template.spec.tolerations', strategies: [], mergeKey: undefined },
  { path: 'spec.strategy', strategies: ['retainKeys'], mergeKey: undefined },
  { path: 'metadata.finalizers', strategies: ['merge'], mergeKey: undefined },
  { path: 'metadata.ownerReferences', strategies: ['merge'], mergeKey: 'uid' },
  { path: 'status.conditions', strategies: ['merge'], mergeKey: 'type' },
  { path: 'spec.selector.matchLabels', strategies: [], mergeKey: undefined },
  { path: 'spec.template.metadata.labels', strategies: [], mergeKey: undefined },
]

for (const c of fields) {
  test(`patch meta: ${c.path}`, () => {
    const field = fieldAt(deployment(), c.path)
    assert.deepEqual(field.strategies, c.strategies)
    assert.equal(field.mergeKey, c.mergeKey)
  })
}

test('patch meta: a map field answers every key with its value schema', () => {
  const limits = fieldAt(deployment(), 'spec.template.spec.containers.resources.limits')
  const anyKey = limits.child.field('nvidia.com/gpu')
  assert.ok(anyKey)
  assert.deepEqual(anyKey.strategies, [])
  assert.equal(anyKey.child, NO_PATCH_META, 'a Quantity is a string')
})

test('patch meta: primitives and unknown names have no meta', () => {
  assert.equal(fieldAt(deployment(), 'metadata.finalizers').child, NO_PATCH_META)
  assert.equal(deployment().field('nope'), undefined)
  assert.equal(fieldAt(deployment(), 'spec.template.spec').child.field('nope'), undefined)
  assert.equal(patchMetaFromOpenApi(deploymentSchemas, 'io.k8s.api.core.v1.Nope'), NO_PATCH_META)
  assert.equal(NO_PATCH_META.field('anything'), undefined)
})

test('patch meta: memoised per schema name', () => {
  assert.equal(deployment(), deployment())
  const podSpec = fieldAt(deployment(), 'spec.template.spec')
  assert.equal(podSpec.child.field('containers'), podSpec.child.field('containers'))
  assert.equal(podSpec.child.field('containers')?.child, podSpec.child.field('initContainers')?.child)
  const objectMeta = fieldAt(deployment(), 'metadata').child
  assert.equal(fieldAt(deployment(), 'spec.template.metadata').child, objectMeta)
})

test('patch meta: lazy, reading a schema only when a patch reaches it', () => {
  const read = new Set<string>()
  const schemas = new Proxy(deploymentSchemas, {
    getOwnPropertyDescriptor(target, name) {
      read.add(String(name))
      return Reflect.getOwnPropertyDescriptor(target, name)
    },
  })
  const meta = patchMetaFromOpenApi(schemas, DEPLOYMENT_SCHEMA)
  assert.deepEqual([...read], [DEPLOYMENT_SCHEMA])
  meta.field('spec')
  assert.ok(read.has('io.k8s.api.apps.v1.DeploymentSpec'))
  assert.ok(!read.has('io.k8s.api.core.v1.PodSpec'))
})

test('patch meta: a cycle of $ref aliases ends in NO_PATCH_META', () => {
  const schemas = { A: { $ref: '#/components/schemas/B' }, B: { allOf: [{ $ref: '#/components/schemas/A' }] } }
  assert.equal(patchMetaFromOpenApi(schemas, 'A'), NO_PATCH_META)
})

test('patch meta: recursive types resolve lazily without end', () => {
  const schemas = {
    Props: {
      type: 'object',
      properties: {
        items: { $ref: '#/components/schemas/Props' },
        properties: { additionalProperties: { $ref: '#/components/schemas/Props' } },
      },
    },
  }
  const meta = patchMetaFromOpenApi(schemas, 'Props')
  assert.equal(meta.field('items')?.child, meta)
  assert.equal(meta.field('properties')?.child.field('spec')?.child, meta)
})

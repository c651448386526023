import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEPLOYMENT_SCHEMA, deploymentSchemas } from '../patch/deployment-schemas.fixture.js'
import { typeDescriptionFromOpenApi } from './from-openapi.js'
import { DEDUCED, SCALAR, UNTYPED_ATOMIC, type FieldDescription, type TypeDescription } from './type-description.js'

/** Follows field names from the Deployment, stepping into list items; fails on an unknown one. */
function fieldAt(path: string, root: TypeDescription = deployment()): FieldDescription {
  let type = root
  let field: FieldDescription | undefined
  for (const name of path.split('.')) {
    field = type.field(name)
    assert.ok(field, `no field ${name} in ${path}`)
    type = field.type.items ?? field.type
  }
  return field!
}

const deployment = () => typeDescriptionFromOpenApi(deploymentSchemas, DEPLOYMENT_SCHEMA)

// What strategic merge patch reads: x-kubernetes-patch-strategy and -merge-key.
const patchFields = [
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
]
for (const c of patchFields) {
  test(`type description, patch strategy: ${c.path}`, () => {
    const field = fieldAt(c.path)
    assert.deepEqual(field.strategies, c.strategies)
    assert.equal(field.mergeKey, c.mergeKey)
  })
}

// What server-side apply reads, as kube-openapi's schemaconv turns the same extensions into smd types.
const applyFields = [
  { path: 'spec.template.spec.containers', listType: 'map', keys: ['name'], isAtomic: false },
  { path: 'spec.template.spec.containers.ports', listType: 'map', keys: ['containerPort', 'protocol'], isAtomic: false },
  { path: 'metadata.finalizers', listType: 'set', keys: undefined, isAtomic: false },
  { path: 'spec.template.spec.tolerations', listType: 'atomic', keys: undefined, isAtomic: true },
  { path: 'spec.template.spec.containers.args', listType: 'atomic', keys: undefined, isAtomic: true },
]
for (const c of applyFields) {
  test(`type description, list type: ${c.path}`, () => {
    const { type } = fieldAt(c.path)
    assert.equal(type.kind, 'list')
    assert.equal(type.listType, c.listType)
    assert.deepEqual(type.listMapKeys, c.keys)
    assert.equal(type.isAtomic, c.isAtomic)
  })
}

test('type description: map types, struct types, a key default', () => {
  assert.equal(fieldAt('metadata.labels').type.isAtomic, false, 'maps are granular unless marked')
  assert.equal(fieldAt('metadata.labels').isDeclared, true)
  assert.equal(fieldAt('metadata.labels').type.field('app')?.isDeclared, false, 'a map key is not a declared field')
  assert.equal(fieldAt('spec.template.spec.nodeSelector').type.isAtomic, true)
  assert.equal(fieldAt('spec.selector').type.isAtomic, true, 'LabelSelector is +structType=atomic')
  assert.equal(fieldAt('metadata.ownerReferences').type.items?.isAtomic, true)
  assert.equal(fieldAt('spec.template.spec.containers.ports.protocol').default, 'TCP')
  assert.equal(fieldAt('spec.template.spec.containers.resources.limits').type.field('nvidia.com/gpu')?.type, SCALAR)
})

test('type description: unknown names, missing schemas, preserve-unknown-fields, RawExtension', () => {
  assert.equal(deployment().field('nope'), undefined)
  assert.equal(typeDescriptionFromOpenApi(deploymentSchemas, 'io.k8s.api.core.v1.Nope'), DEDUCED)
  const schemas = {
    Widget: {
      type: 'object',
      properties: {
        spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { size: { type: 'integer' } } },
        free: { type: 'object' },
        raw: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.runtime.RawExtension' },
        untyped: {},
      },
    },
  }
  const widget = typeDescriptionFromOpenApi(schemas, 'Widget')
  const spec = widget.field('spec')!.type
  assert.equal(spec.field('size')?.type, SCALAR)
  assert.equal(spec.field('anything')?.type, DEDUCED, 'unknown fields kept, their shape deduced')
  assert.equal(widget.field('free')?.type.field('x')?.type, DEDUCED, 'an object without properties is free-form')
  assert.equal(widget.field('raw')?.type, UNTYPED_ATOMIC)
  assert.equal(widget.field('untyped')?.type, DEDUCED)
})

test('type description: memoised per schema name, and Go empty-value fields from the options', () => {
  assert.equal(deployment(), deployment())
  const podSpec = fieldAt('spec.template.spec').type
  assert.equal(podSpec.field('containers'), podSpec.field('containers'))
  assert.equal(podSpec.field('containers')?.type.items, podSpec.field('initContainers')?.type.items)
  assert.equal(fieldAt('spec.template.metadata').type, fieldAt('metadata').type)
  const options = { emptyValueFieldsOf: (name: string) => (name === DEPLOYMENT_SCHEMA ? [{ name: 'spec', isStruct: true }] : undefined) }
  const withEmpty = typeDescriptionFromOpenApi(deploymentSchemas, DEPLOYMENT_SCHEMA, options)
  assert.deepEqual(withEmpty.emptyValueFields, [{ name: 'spec', isStruct: true }])
  assert.equal(deployment().emptyValueFields, undefined)
})

test('type description: lazy, reading a schema only when a field reaches it', () => {
  const read = new Set<string>()
  const schemas = new Proxy(deploymentSchemas, {
    getOwnPropertyDescriptor(target, name) {
      read.add(String(name))
      return Reflect.getOwnPropertyDescriptor(target, name)
    },
  })
  const type = typeDescriptionFromOpenApi(schemas, DEPLOYMENT_SCHEMA)
  assert.deepEqual([...read], [DEPLOYMENT_SCHEMA])
  type.field('spec')
  assert.ok(read.has('io.k8s.api.apps.v1.DeploymentSpec'))
  assert.ok(!read.has('io.k8s.api.core.v1.PodSpec'))
})

test('type description: alias cycles end deduced; recursive types resolve without end', () => {
  const aliases = { A: { $ref: '#/components/schemas/B' }, B: { allOf: [{ $ref: '#/components/schemas/A' }] } }
  assert.equal(typeDescriptionFromOpenApi(aliases, 'A'), DEDUCED)
  const schemas = {
    Props: {
      type: 'object',
      properties: {
        items: { $ref: '#/components/schemas/Props' },
        properties: { additionalProperties: { $ref: '#/components/schemas/Props' } },
      },
    },
  }
  const props = typeDescriptionFromOpenApi(schemas, 'Props')
  assert.equal(props.field('items')?.type, props)
  assert.equal(props.field('properties')?.type.field('spec')?.type, props)
})

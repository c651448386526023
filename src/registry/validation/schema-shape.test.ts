import assert from 'node:assert/strict'
import { test } from 'node:test'
import { namedShape } from './schema-shape.js'

const ref = (name: string) => ({ allOf: [{ $ref: `#/components/schemas/${name}` }] })
const schemas = {
  'io.k8s.api.core.v1.PodSpec': {
    type: 'object',
    properties: {
      containers: { type: 'array', items: ref('io.k8s.api.core.v1.Container') },
      nodeSelector: { type: 'object', additionalProperties: { type: 'string' } },
      priority: { type: 'integer', format: 'int32' },
      overhead: { type: 'object', additionalProperties: ref('io.k8s.apimachinery.pkg.api.resource.Quantity') },
      raw: ref('io.k8s.apimachinery.pkg.runtime.RawExtension'),
    },
  },
  'io.k8s.api.core.v1.Container': { type: 'object', properties: { name: { type: 'string' } } },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { oneOf: [{ type: 'string' }, { type: 'number' }] },
  'io.k8s.apimachinery.pkg.runtime.RawExtension': { type: 'object' },
}

test('a struct names its Go type and resolves fields lazily', () => {
  const spec = namedShape(schemas, 'io.k8s.api.core.v1.PodSpec')
  assert.ok(spec?.kind === 'struct')
  assert.equal(spec.goType, 'v1.PodSpec')
  assert.equal(spec.structName, 'PodSpec')
  assert.equal(spec.field('bogus'), undefined)
  assert.equal(spec.field('containers')?.goType, '[]v1.Container')
  assert.equal(spec.field('nodeSelector')?.goType, 'map[string]string')
  assert.deepEqual(spec.field('priority'), { kind: 'scalar', json: 'number', goType: 'int32', isInteger: true })
  assert.equal(spec.field('overhead')?.goType, 'map[string]resource.Quantity')
  assert.equal(spec.field('raw')?.kind, 'open')
})

test('shapes are cached per schemas object', () => {
  assert.equal(namedShape(schemas, 'io.k8s.api.core.v1.Container'), namedShape(schemas, 'io.k8s.api.core.v1.Container'))
  assert.equal(namedShape(schemas, 'missing'), undefined)
})

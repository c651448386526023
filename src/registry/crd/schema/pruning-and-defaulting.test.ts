import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { JsonSchemaProps } from '../crd-types.js'
import { applySchemaDefaults, pruneNonNullableNulls } from './defaulting.js'
import { validateListSetsAndMaps } from './list-type-validation.js'
import { pruneUnknownFields } from './pruning.js'

const schema: JsonSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        kept: { type: 'string' },
        replicas: { type: 'integer', default: 1 },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string', default: 'x' } } } },
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object' } } },
      },
    },
  },
}

test('pruning removes what the schema does not specify, reporting sorted paths; it keeps metadata, preserved and embedded meta fields', () => {
  const object = {
    apiVersion: 'v', kind: 'K', metadata: { name: 'n' },
    spec: {
      kept: 'a', gone: 1, free: { anything: { deep: true } }, labels: { a: 'b' },
      items: [{ name: 'i', extra: 1 }], template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { x: 1 }, extra: 2 },
    },
    status: { y: 1 },
  }
  assert.deepEqual(pruneUnknownFields(object, schema), ['spec.gone', 'spec.items[0].extra', 'spec.template.extra', 'spec.template.spec.x', 'status'])
  assert.deepEqual(object, {
    apiVersion: 'v', kind: 'K', metadata: { name: 'n' },
    spec: {
      kept: 'a', free: { anything: { deep: true } }, labels: { a: 'b' },
      items: [{ name: 'i' }], template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} },
    },
  })
})

test('a dry-run prune only finds', () => {
  const object = { spec: { gone: 1 } }
  assert.deepEqual(pruneUnknownFields(object, schema, { isDryRun: true }), ['spec.gone'])
  assert.deepEqual(object, { spec: { gone: 1 } })
})

test('defaults fill absent fields and non-nullable nulls; nulls without a default are dropped first', () => {
  const object = { spec: { kept: null, replicas: null, items: [{}, { name: 'y' }] } }
  pruneNonNullableNulls(object, schema)
  applySchemaDefaults(object, schema)
  assert.deepEqual(object, { spec: { replicas: 1, items: [{ name: 'x' }, { name: 'y' }] } })
})

test('list sets and maps: duplicates are Duplicate values on the later item', () => {
  const lists: JsonSchemaProps = {
    type: 'object',
    properties: {
      tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
      ports: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'object', properties: { name: { type: 'string' }, n: { type: 'integer' } } } },
    },
  }
  const causes = validateListSetsAndMaps({ tags: ['a', 'b', 'a'], ports: [{ name: 'x', n: 1 }, { name: 'x', n: 2 }] }, lists)
  assert.deepEqual(causes, [
    { reason: 'FieldValueDuplicate', field: 'tags[2]', message: 'Duplicate value: "a"' },
    { reason: 'FieldValueDuplicate', field: 'ports[1]', message: 'Duplicate value: map[string]interface {}{"name":"x"}' },
  ])
})

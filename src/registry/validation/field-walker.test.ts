import assert from 'node:assert/strict'
import { test } from 'node:test'
import { findFieldIssues } from './field-walker.js'
import { namedShape } from './schema-shape.js'

const ref = (name: string) => ({ allOf: [{ $ref: `#/components/schemas/${name}` }] })
const schemas = {
  'x.v1.Thing': {
    type: 'object',
    properties: {
      metadata: ref('x.v1.Meta'),
      spec: ref('x.v1.ThingSpec'),
    },
  },
  'x.v1.Meta': { type: 'object', properties: { labels: { type: 'object', additionalProperties: { type: 'string' } } } },
  'x.v1.ThingSpec': {
    type: 'object',
    properties: {
      replicas: { type: 'integer', format: 'int32' },
      items: { type: 'array', items: ref('x.v1.Item') },
      free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  },
  'x.v1.Item': { type: 'object', properties: { name: { type: 'string' } } },
}
const thing = namedShape(schemas, 'x.v1.Thing')!

test('unknown fields in kube path form; maps and preserved fields are open', () => {
  const issues = findFieldIssues(
    {
      metadata: { labels: { anything: 'goes' }, bogus: 1 },
      spec: { items: [{ name: 'a' }, { name: 'b', extra: { deep: 1 } }], free: { any: { thing: 1 } }, replicas: null },
      status: {},
    },
    thing,
    true,
  )
  assert.deepEqual(issues.unknownFields, ['metadata.bogus', 'spec.items[1].extra', 'status'])
  assert.deepEqual(issues.typeErrors, [])
})

test('unknown fields are not collected under Ignore', () => {
  assert.deepEqual(findFieldIssues({ bogus: 1 }, thing, false).unknownFields, [])
})

const typeCases = [
  { name: 'string into int32', body: { spec: { replicas: '3' } }, field: 'spec.replicas', message: 'json: cannot unmarshal string into Go struct field ThingSpec.spec.replicas of type int32' },
  { name: 'fraction into int32', body: { spec: { replicas: 1.5 } }, field: 'spec.replicas', message: 'json: cannot unmarshal number 1.5 into Go struct field ThingSpec.spec.replicas of type int32' },
  { name: 'overflow of int32', body: { spec: { replicas: 2 ** 31 } }, field: 'spec.replicas', message: 'json: cannot unmarshal number 2147483648 into Go struct field ThingSpec.spec.replicas of type int32' },
  { name: 'object into a list', body: { spec: { items: {} } }, field: 'spec.items', message: 'json: cannot unmarshal object into Go struct field ThingSpec.spec.items of type []v1.Item' },
  { name: 'number in a list item (no index in Go\'s field)', body: { spec: { items: [{ name: 7 }] } }, field: 'spec.items[0].name', message: 'json: cannot unmarshal number into Go struct field Item.spec.items.name of type string' },
  { name: 'bool as a map value (no key in Go\'s field)', body: { metadata: { labels: { a: true } } }, field: 'metadata.labels.a', message: 'json: cannot unmarshal bool into Go struct field Meta.metadata.labels of type string' },
  { name: 'string as a struct', body: { spec: 'x' }, field: 'spec', message: 'json: cannot unmarshal string into Go struct field Thing.spec of type v1.ThingSpec' },
  { name: 'not an object at all', body: [], field: '', message: 'json: cannot unmarshal array into Go value of type v1.Thing' },
]
for (const c of typeCases) {
  test(`type error: ${c.name}`, () => {
    assert.deepEqual(findFieldIssues(c.body, thing, true).typeErrors, [{ field: c.field, message: c.message, isFatal: false }])
  })
}

test('a wrongly typed value is skipped: nothing inside it is unknown', () => {
  const issues = findFieldIssues({ spec: { items: { bogus: 1 } } }, thing, true)
  assert.deepEqual(issues.unknownFields, [])
  assert.equal(issues.typeErrors.length, 1)
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { schemaClosure } from './schema-closure.js'

const ref = (name: string) => ({ allOf: [{ $ref: `#/components/schemas/${name}` }] })
const schemas = {
  A: { properties: { b: ref('B'), list: { type: 'array', items: ref('C') } } },
  B: { properties: { a: ref('A') } },
  C: { type: 'string' },
  D: { type: 'string' },
}

test('follows refs through properties, items and cycles; leaves the rest out', () => {
  assert.deepEqual(Object.keys(schemaClosure(schemas, ['A'])), ['A', 'B', 'C'])
})

test('a missing schema is a bug, not an empty document', () => {
  assert.throws(() => schemaClosure(schemas, ['Z']), /no schema named Z/)
})

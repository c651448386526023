import assert from 'node:assert/strict'
import { test } from 'node:test'
import { applyMergePatch } from './merge-patch.js'
import { apiError, assertSharesNothing, deepFreeze } from './patch-test-support.fixture.js'

// The object-rooted examples of RFC 7386 appendix A, then the shapes kubectl sends.
const cases = [
  { name: 'replace a value', doc: { a: 'b' }, patch: { a: 'c' }, want: { a: 'c' } },
  { name: 'add a key', doc: { a: 'b' }, patch: { b: 'c' }, want: { a: 'b', b: 'c' } },
  { name: 'null deletes', doc: { a: 'b' }, patch: { a: null }, want: {} },
  { name: 'null deletes one of two', doc: { a: 'b', b: 'c' }, patch: { a: null }, want: { b: 'c' } },
  { name: 'a list replaces a scalar', doc: { a: ['b'] }, patch: { a: 'c' }, want: { a: 'c' } },
  { name: 'a scalar replaces a list', doc: { a: 'c' }, patch: { a: ['b'] }, want: { a: ['b'] } },
  {
    name: 'nested objects merge, nested null deletes',
    doc: { a: { b: 'c' } },
    patch: { a: { b: 'd', c: null } },
    want: { a: { b: 'd' } },
  },
  { name: 'lists are replaced whole', doc: { a: [{ b: 'c' }] }, patch: { a: [1] }, want: { a: [1] } },
  { name: 'an object replaces a scalar', doc: { a: 'foo' }, patch: { a: { b: { c: null } } }, want: { a: { b: {} } } },
  { name: 'nulls inside lists stay', doc: {}, patch: { a: [null, 1] }, want: { a: [null, 1] } },
  { name: 'null for an absent key is a no-op', doc: { e: null }, patch: { a: 1 }, want: { e: null, a: 1 } },
  {
    name: 'label set (kubectl-logs/patch-merge.log)',
    doc: { metadata: { name: 'x', labels: { app: 'edited' } } },
    patch: { metadata: { labels: { m: '1' } } },
    want: { metadata: { name: 'x', labels: { app: 'edited', m: '1' } } },
  },
  {
    name: 'label removal as kubectl label x- sends it',
    doc: { metadata: { labels: { app: 'web', tier: 'web' } } },
    patch: { metadata: { labels: { tier: null } } },
    want: { metadata: { labels: { app: 'web' } } },
  },
  {
    name: 'CRD apply: removed field as null (kubectl-logs/apply-widget-2.log shape)',
    doc: { spec: { color: 'red', size: 1 } },
    patch: { metadata: { annotations: { a: '1' } }, spec: { color: null, size: 2 } },
    want: { spec: { size: 2 }, metadata: { annotations: { a: '1' } } },
  },
  { name: 'a non-object document is replaced by the merge', doc: 'x', patch: { a: 1 }, want: { a: 1 } },
]

for (const c of cases) {
  test(`merge patch: ${c.name}`, () => {
    const result = applyMergePatch(deepFreeze(c.doc), deepFreeze(c.patch))
    assert.deepEqual(result, c.want)
    assertSharesNothing(result)
  })
}

test('merge patch: a raw JSON body is decoded', () => {
  assert.deepEqual(applyMergePatch({ a: 1 }, Buffer.from('{"b":2}')), { a: 1, b: 2 })
})

test('merge patch: a __proto__ key is data, not a prototype', () => {
  const result = applyMergePatch({}, '{"__proto__":{"polluted":1}}') as Record<string, unknown>
  assert.equal(Object.getPrototypeOf(result), Object.prototype)
  assert.deepEqual(Object.keys(result), ['__proto__'])
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined)
})

const malformed = [
  { name: 'a body that is not JSON', patch: '{"a":' },
  { name: 'a list', patch: [{ a: 1 }] },
  { name: 'a scalar', patch: 5 },
  { name: 'null', patch: null },
]

for (const c of malformed) {
  test(`merge patch: 400 for ${c.name}`, () => {
    assert.throws(() => applyMergePatch({ a: 1 }, c.patch), apiError(400))
  })
}

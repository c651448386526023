import assert from 'node:assert/strict'
import { test } from 'node:test'
import { applyJsonPatch } from './json-patch.js'
import { apiError, assertSharesNothing, deepFreeze } from './patch-test-support.fixture.js'

const pod = () =>
  deepFreeze({
    metadata: { name: 'x', labels: { app: 'edited', m: '1' }, finalizers: ['a', 'b'] },
    spec: { containers: [{ name: 'c', image: 'nginx:1.29' }] },
  })

const applies = [
  {
    name: 'add a label (kubectl-logs/patch-json.log)',
    patch: [{ op: 'add', path: '/metadata/labels/j', value: '2' }],
    want: (doc: any) => assert.deepEqual(doc.metadata.labels, { app: 'edited', m: '1', j: '2' }),
  },
  {
    name: 'remove, replace and append to a list',
    patch: [
      { op: 'remove', path: '/metadata/finalizers/0' },
      { op: 'replace', path: '/spec/containers/0/image', value: 'nginx:1.30' },
      { op: 'add', path: '/metadata/finalizers/-', value: 'c' },
    ],
    want: (doc: any) => {
      assert.deepEqual(doc.metadata.finalizers, ['b', 'c'])
      assert.equal(doc.spec.containers[0].image, 'nginx:1.30')
    },
  },
  {
    name: 'a passing test lets the rest apply',
    patch: [
      { op: 'test', path: '/metadata/labels/app', value: 'edited' },
      { op: 'move', path: '/metadata/labels/moved', from: '/metadata/labels/m' },
      { op: 'copy', path: '/metadata/annotations', from: '/metadata/labels' },
    ],
    want: (doc: any) => {
      assert.deepEqual(doc.metadata.labels, { app: 'edited', moved: '1' })
      assert.deepEqual(doc.metadata.annotations, { app: 'edited', moved: '1' })
      assert.notEqual(doc.metadata.annotations, doc.metadata.labels)
    },
  },
  {
    name: 'an added object is a copy: a later op on it leaves the patch alone',
    patch: [
      { op: 'add', path: '/metadata/annotations', value: { a: '1' } },
      { op: 'add', path: '/metadata/annotations/b', value: '2' },
    ],
    want: (doc: any) => assert.deepEqual(doc.metadata.annotations, { a: '1', b: '2' }),
  },
]

for (const c of applies) {
  test(`json patch: ${c.name}`, () => {
    const result = applyJsonPatch(pod(), deepFreeze(c.patch))
    c.want(result)
    assertSharesNothing(result)
  })
}

test('json patch: a raw JSON body is decoded', () => {
  const result = applyJsonPatch(pod(), '[{"op":"add","path":"/metadata/labels/j","value":"2"}]') as any
  assert.equal(result.metadata.labels.j, '2')
})

/** [what, one operation, the 422 message it must give] */
const unprocessable: Array<[string, object, string | RegExp]> = [
  [
    'remove of a missing label, with the message of kubectl-logs/patch-json-bad.log',
    { op: 'remove', path: '/metadata/labels/nope' },
    'remove operation does not apply: doc is missing path: "/metadata/labels/nope"',
  ],
  ['replace of a missing field', { op: 'replace', path: '/spec/nope', value: 1 }, /^replace .* doc is missing path/],
  ['add under a missing parent', { op: 'add', path: '/status/phase', value: 'x' }, /^add .* missing path: "\/status\//],
  ['add past the end of a list', { op: 'add', path: '/metadata/finalizers/5', value: 'x' }, /invalid array index/],
  ['remove past the end of a list', { op: 'remove', path: '/metadata/finalizers/2' }, /doc is missing path/],
  ['a failed test', { op: 'test', path: '/metadata/name', value: 'y' }, 'testing value /metadata/name failed: test failed'],
  ['a test of a missing path', { op: 'test', path: '/metadata/nope', value: 'y' }, /test failed/],
  ['move from a missing path', { op: 'move', path: '/a', from: '/nope' }, /doc is missing from path: "\/nope"/],
  ['move into its own child', { op: 'move', path: '/metadata/labels/x', from: '/metadata' }, /child of from path/],
  ['remove of an inherited property name', { op: 'remove', path: '/metadata/labels/toString' }, /missing path/],
  ['a remove of the whole object', { op: 'remove', path: '' }, /whole object/],
  ['a write below __proto__, which is no field', { op: 'add', path: '/__proto__/polluted', value: 1 }, /missing path/],
]

for (const [name, operation, message] of unprocessable) {
  test(`json patch: 422 for ${name}`, () => {
    assert.throws(() => applyJsonPatch(pod(), deepFreeze([operation])), apiError(422, message))
  })
}

const malformed = [
  { name: 'a body that is not JSON', patch: '[{"op":' },
  { name: 'an object instead of a list', patch: { op: 'add', path: '/a', value: 1 } },
  { name: 'an operation that is not an object', patch: ['add'] },
  { name: 'an unknown op', patch: [{ op: 'merge', path: '/a', value: 1 }] },
  { name: 'the library-internal _get op', patch: [{ op: '_get', path: '/metadata' }] },
  { name: 'an add without value', patch: [{ op: 'add', path: '/a' }] },
  { name: 'a path without a leading slash', patch: [{ op: 'add', path: 'a', value: 1 }] },
  { name: 'a move without from', patch: [{ op: 'move', path: '/a' }] },
  { name: 'a write to __proto__', patch: [{ op: 'add', path: '/__proto__', value: { polluted: 1 } }] },
]

for (const c of malformed) {
  test(`json patch: 400 for ${c.name}`, () => {
    assert.throws(() => applyJsonPatch(pod(), c.patch), apiError(400))
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined)
  })
}

test('a JSON patch of more than 10000 operations is a 413, as kube answers', () => {
  const patch = Array.from({ length: 10_001 }, () => ({ op: 'test', path: '/metadata/name', value: 'x' }))
  assert.throws(() => applyJsonPatch(pod(), patch), { code: 413, reason: 'RequestEntityTooLarge', message: 'The allowed maximum operations in a JSON patch is 10000, got 10001' })
})

test('copies that double a list stop at 3 MiB copied in all (a 422), long before memory runs out', () => {
  const doc = { metadata: { name: 'x' }, data: { list: ['x'.repeat(1024)] } }
  const doubling = Array.from({ length: 30 }, () => ({ op: 'copy', from: '/data/list', path: '/data/list/-' }))
  assert.throws(() => applyJsonPatch(doc, doubling), (error: any) => error.code === 422 && /^Unable to complete the copy, the accumulated size increase of copy is \d+, exceeding the limit 3145728$/.test(error.message))
})

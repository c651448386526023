import assert from 'node:assert/strict'
import { test } from 'node:test'
import { toFieldsV1 } from '../field-set/fields-v1.js'
import { builtInScope } from './built-in-scopes.fixture.js'
import { compareObjects } from './compare.js'
import { createdFieldSet } from './created-fields.js'

// The create path's single walk must find what the full comparison against the empty object finds.
const bodies: [string, unknown][] = [
  ['ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: 'b' }, annotations: {} }, data: { x: '1' }, binaryData: null }],
  ['Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'i', ports: [{ containerPort: 80 }, { containerPort: 80, protocol: 'UDP' }] }, { name: 'a', image: 'dup' }], volumes: [] }, status: {} }],
  ['Deployment', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', finalizers: ['x/y'] },
    spec: { selector: { matchLabels: { a: 'b' } }, strategy: {}, template: { metadata: {}, spec: { containers: [], tolerations: [{ key: 'k' }] } } },
  }],
  ['Event', { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' }, involvedObject: { kind: 'Pod' }, reportingComponent: '', source: {} }],
]

for (const [kind, body] of bodies) {
  test(`created fields of a ${kind} are what comparing with its empty object adds or modifies`, () => {
    const { type } = builtInScope(kind)
    const compared = compareObjects({}, body, type)
    assert.ok(compared.removed.isEmpty)
    assert.deepEqual(toFieldsV1(createdFieldSet(body, type)), toFieldsV1(compared.added.union(compared.modified)))
  })
}

test('creates of one shape share one set and one FieldsV1; another shape gets its own', () => {
  const { type } = builtInScope('Pod')
  const pod = (name: string, container: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'a' } }, spec: { containers: [{ name: container, image: 'i' }] } })
  const first = createdFieldSet(pod('a', 'c'), type)
  assert.equal(createdFieldSet(pod('b', 'c'), type), first)
  assert.ok(Object.isFrozen(toFieldsV1(first)))
  assert.equal(toFieldsV1(createdFieldSet(pod('c', 'c'), type)), toFieldsV1(first))
  const other = createdFieldSet(pod('d', 'other'), type)
  assert.notEqual(other, first)
  assert.deepEqual(Object.keys(toFieldsV1(other)['f:spec'] as object), ['f:containers'])
  assert.ok(Object.hasOwn((toFieldsV1(other)['f:spec'] as Record<string, object>)['f:containers']!, 'k:{"name":"other"}'))
})

test('the set of a create too large to keep is still the whole set', () => {
  const { type } = builtInScope('ConfigMap')
  const data = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`key-${i}`, 'v']))
  const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data }
  const compared = compareObjects({}, body, type)
  assert.deepEqual(toFieldsV1(createdFieldSet(body, type)), toFieldsV1(compared.added.union(compared.modified)))
  assert.notEqual(createdFieldSet(body, type), createdFieldSet(body, type))
})

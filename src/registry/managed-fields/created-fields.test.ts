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

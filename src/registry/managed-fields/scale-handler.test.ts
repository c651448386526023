import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { ManagedFieldsEntry } from '../../api/types.js'
import { parentEntriesAfterScale, scaleEntriesOf } from './scale-handler.js'

const entry = (manager: string, operation: 'Apply' | 'Update', apiVersion: string, fieldsV1: object, extra: Partial<ManagedFieldsEntry> = {}): ManagedFieldsEntry =>
  ({ manager, operation, apiVersion, fieldsType: 'FieldsV1', fieldsV1: fieldsV1 as ManagedFieldsEntry['fieldsV1'], ...extra })
const replicas = { 'f:spec': { 'f:replicas': {} } }
const T = '2013-02-03T00:00:00Z'

const APPS_V1 = { apiVersion: 'apps/v1', replicasPath: '.spec.replicas' }

// Cases from apimachinery pkg/util/managedfields/scalehandler_test.go.
test('scale handler: the Scale\'s managers are the parent\'s owners of replicas, as autoscaling/v1', () => {
  const parent = [
    entry('manager-1', 'Apply', 'apps/v1', { 'f:spec': { 'f:another-field': {} } }),
    entry('manager-2', 'Apply', 'apps/v1', replicas, { time: T }),
  ]
  assert.deepEqual(scaleEntriesOf(parent, APPS_V1), [entry('manager-2', 'Apply', 'autoscaling/v1', replicas, { time: T })])
})

const toParent = [
  {
    name: 'different managers, apply then update: the updater takes replicas',
    parent: [entry('test', 'Apply', 'apps/v1', { 'f:spec': { 'f:replicas': {}, 'f:selector': {} } })],
    scale: [entry('scale', 'Update', 'autoscaling/v1', replicas, { subresource: 'scale' })],
    want: [
      entry('test', 'Apply', 'apps/v1', { 'f:spec': { 'f:selector': {} } }),
      entry('scale', 'Update', 'apps/v1', replicas, { subresource: 'scale' }),
    ],
  },
  {
    name: 'different managers, update then apply',
    parent: [entry('test', 'Update', 'apps/v1', { 'f:spec': { 'f:replicas': {}, 'f:selector': {} } })],
    scale: [entry('scale', 'Apply', 'autoscaling/v1', replicas, { subresource: 'scale' })],
    want: [
      entry('scale', 'Apply', 'apps/v1', replicas, { subresource: 'scale' }),
      entry('test', 'Update', 'apps/v1', { 'f:spec': { 'f:selector': {} } }),
    ],
  },
  {
    name: 'the same applier keeps its parent entry as it was',
    parent: [entry('test', 'Apply', 'apps/v1', { 'f:spec': { 'f:replicas': {}, 'f:selector': {} } })],
    scale: [entry('test', 'Apply', 'autoscaling/v1', replicas)],
    want: [entry('test', 'Apply', 'apps/v1', { 'f:spec': { 'f:replicas': {}, 'f:selector': {} } })],
  },
]
for (const c of toParent) {
  test(`scale handler, back to the parent: ${c.name}`, () => {
    assert.deepEqual(parentEntriesAfterScale(c.parent, c.scale, APPS_V1), c.want)
  })
}

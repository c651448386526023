import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { KubeObject } from '../../api/types.js'
import { eventPrinter } from './events.js'

const now = Date.parse('2025-06-01T12:00:00Z')

test('core/v1 event cells in column order', () => {
  const event: KubeObject = {
    metadata: { name: 'x.17f' },
    involvedObject: { kind: 'Pod', name: 'x', fieldPath: 'spec.containers{c}' },
    reason: 'Pulled',
    message: ' Successfully pulled image \n',
    source: { component: 'kubelet', host: 'n1' },
    firstTimestamp: '2025-06-01T11:50:00Z',
    lastTimestamp: '2025-06-01T11:59:00Z',
    count: 3,
    type: 'Normal',
  }
  assert.deepEqual(eventPrinter.cells(event, now), [
    '60s', 'Normal', 'Pulled', 'pod/x', 'spec.containers{c}', 'kubelet, n1', 'Successfully pulled image', '10m', 3, 'x.17f',
  ])
})

test('new-style events: eventTime, series, reportingComponent, count 1', () => {
  const single: KubeObject = { metadata: { name: 'e' }, eventTime: '2025-06-01T11:59:30.000000Z', reportingComponent: 'scheduler', involvedObject: { kind: 'Node' } }
  assert.deepEqual(eventPrinter.cells(single, now), ['30s', '', '', 'node', '', 'scheduler', '', '30s', 1, 'e'])
  const series: KubeObject = { ...single, series: { count: 7, lastObservedTime: '2025-06-01T11:59:50.000000Z' } }
  assert.deepEqual(eventPrinter.cells(series, now).slice(0, 1).concat(eventPrinter.cells(series, now).slice(8, 9)), ['10s', 7])
})

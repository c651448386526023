import assert from 'node:assert/strict'
import { test } from 'node:test'
import { eventsV1Conversion } from './event-conversion.js'

const metadata = { name: 'x.1', namespace: 'default' }
const core = {
  kind: 'Event', apiVersion: 'v1', metadata,
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'x', uid: 'u1', apiVersion: 'v1' },
  reason: 'Scheduled', message: 'Successfully assigned default/x to node-1', source: { component: 'default-scheduler' },
  firstTimestamp: null, lastTimestamp: null, type: 'Normal', eventTime: '2026-01-02T03:04:05.123456Z',
  action: 'Binding', reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-node-1',
}
// The same event as events.k8s.io/v1 serves it (kube converts through the internal Event).
const events = {
  kind: 'Event', apiVersion: 'events.k8s.io/v1', metadata,
  eventTime: '2026-01-02T03:04:05.123456Z', reportingController: 'default-scheduler', reportingInstance: 'default-scheduler-node-1',
  action: 'Binding', reason: 'Scheduled', regarding: { kind: 'Pod', namespace: 'default', name: 'x', uid: 'u1', apiVersion: 'v1' },
  note: 'Successfully assigned default/x to node-1', type: 'Normal', deprecatedSource: { component: 'default-scheduler' },
  deprecatedFirstTimestamp: null, deprecatedLastTimestamp: null,
}

test('a core event reads as events.k8s.io/v1, in its field order, and converts back unchanged', () => {
  const served = eventsV1Conversion.toServed(structuredClone(core))
  assert.deepEqual(served, events)
  assert.deepEqual(Object.keys(served), Object.keys(events))
  const stored = eventsV1Conversion.toStored(structuredClone(served))
  assert.deepEqual(stored, core)
  assert.deepEqual(Object.keys(stored), Object.keys(core))
})

test('what Go always writes is there when unset: null times, empty structs', () => {
  const bare = eventsV1Conversion.toServed({ kind: 'Event', apiVersion: 'v1', metadata, reason: 'R' })
  assert.deepEqual(bare, { kind: 'Event', apiVersion: 'events.k8s.io/v1', metadata, eventTime: null, reason: 'R', regarding: {}, deprecatedSource: {}, deprecatedFirstTimestamp: null, deprecatedLastTimestamp: null })
})

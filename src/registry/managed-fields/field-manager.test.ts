import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { KubeObject } from '../../api/types.js'
import { builtInScope, managedLines } from './built-in-scopes.fixture.js'
import { MAX_UPDATE_MANAGERS } from './cap-managers.js'
import { updateManagedFields } from './field-manager.js'

const T1 = '2026-01-01T00:00:00Z'
const T2 = '2026-01-01T00:01:00Z'
const T3 = '2026-01-01T00:02:00Z'

/** A create tracked as kube's create handler tracks it: against the kind's empty object. */
function created(kind: string, body: Omit<KubeObject, 'metadata'> & { metadata?: KubeObject['metadata'] }, manager = 'creator'): KubeObject {
  const object = structuredClone({ metadata: {}, ...body }) as KubeObject
  updateManagedFields(builtInScope(kind, { manager, nowIso: T1 }), undefined, object)
  return { ...object, metadata: { ...object.metadata, uid: 'u1' } }
}

function updated(kind: string, live: KubeObject, change: (next: KubeObject) => void, by: { manager?: string; subresource?: 'status'; nowIso?: string } = {}): KubeObject {
  const next = structuredClone(live)
  change(next)
  updateManagedFields(builtInScope(kind, { manager: 'updater', nowIso: T2, ...by }), live, next)
  return next
}

const deployment = {
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }] }] },
    },
  },
}

test('create: fields new to the empty object are owned themselves ("."), fields it always has are not', () => {
  // A Deployment's empty Go value already has spec, spec.template.{metadata,spec} and a null
  // containers list, so those get no ".": labels, list items and env do (kubectl create's entries).
  const object = created('Deployment', deployment)
  assert.deepEqual(managedLines(object), [
    'creator Update @2026-01-01T00:00:00Z: ' + JSON.stringify({
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"web"}': {
                '.': {},
                'f:env': { '.': {}, 'k:{"name":"A"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
                'f:image': {},
                'f:name': {},
                'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
              },
            },
          },
        },
      },
    }),
  ])
})

test('update: the changed fields move to the updater; removed ones leave every set; an emptied manager goes', () => {
  const cm = created('ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1', b: '2' } })
  const next = updated('ConfigMap', cm, (o) => {
    ;(o.data as Record<string, string>).a = 'changed'
    delete (o.data as Record<string, string>).b
    ;(o.data as Record<string, string>).c = '3'
  })
  // The creator keeps `data` itself: a member only, written `{}` (no "." without children).
  assert.deepEqual(managedLines(next), [
    'creator Update @2026-01-01T00:00:00Z: {"f:data":{}}',
    'updater Update @2026-01-01T00:01:00Z: {"f:data":{"f:a":{},"f:c":{}}}',
  ])
  const last = updated('ConfigMap', next, (o) => { o.data = { a: 'changed', c: '3', d: '4' } }, { manager: 'creator', nowIso: T3 })
  assert.deepEqual(managedLines(last), [
    'updater Update @2026-01-01T00:01:00Z: {"f:data":{"f:a":{},"f:c":{}}}',
    'creator Update @2026-01-01T00:02:00Z: {"f:data":{".":{},"f:d":{}}}',
  ], 'entries sort by time')
})

test('update: an unchanged object leaves managedFields, times included, as they were', () => {
  const cm = created('ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } })
  assert.deepEqual(updated('ConfigMap', cm, () => {}).metadata.managedFields, cm.metadata.managedFields)
})

test('update: managedFields sent by the client replace, reset ([] or [{}]), or, when unreadable, are ignored', () => {
  const cm = created('ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } })
  const replacement = [{ manager: 'someone', operation: 'Update' as const, apiVersion: 'v1', fieldsType: 'FieldsV1' as const, fieldsV1: { 'f:data': {} } }]
  assert.deepEqual(managedLines(updated('ConfigMap', cm, (o) => { o.metadata.managedFields = replacement })), ['someone Update: {"f:data":{}}'])
  for (const reset of [[], [{}]]) {
    const next = updated('ConfigMap', cm, (o) => { o.metadata.managedFields = reset as never; (o.data as Record<string, string>).a = '2' })
    assert.equal(next.metadata.managedFields, undefined, `${JSON.stringify(reset)} resets, and an untracked object stays untracked`)
  }
  const invalid = updated('ConfigMap', cm, (o) => { o.metadata.managedFields = [{ manager: 'x', operation: 'Nope' }] as never })
  assert.deepEqual(invalid.metadata.managedFields, cm.metadata.managedFields)
})

test('update through /status: the request\'s managedFields are ignored; only status is tracked, as a status entry', () => {
  const pod = created('Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } })
  const next = updated('Pod', pod, (o) => {
    o.status = { phase: 'Running' }
    o.metadata.managedFields = []
  }, { manager: 'kubelet', subresource: 'status' })
  assert.deepEqual(managedLines(next).slice(1), ['kubelet Update status @2026-01-01T00:01:00Z: {"f:status":{"f:phase":{}}}'])
})

test(`update: past ${MAX_UPDATE_MANAGERS} updaters the oldest merge into ancient-changes`, () => {
  let cm = created('ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} }, 'm00')
  for (let i = 1; i <= MAX_UPDATE_MANAGERS; i++) {
    const manager = `m${String(i).padStart(2, '0')}`
    cm = updated('ConfigMap', cm, (o) => { (o.data as Record<string, string>)[manager] = 'x' }, { manager })
  }
  const managers = cm.metadata.managedFields!.map((e) => e.manager)
  assert.equal(managers.length, MAX_UPDATE_MANAGERS)
  assert.ok(managers.includes('ancient-changes'))
  assert.ok(!managers.includes('m00') && !managers.includes('m01'), 'the two oldest went into the bucket')
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ApiError } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import { builtInScope, managedLines } from './built-in-scopes.fixture.js'
import { applyManagedFields } from './field-manager-apply.js'
import { updateManagedFields } from './field-manager.js'
import { LAST_APPLIED } from './last-applied.js'

const T1 = '2026-01-01T00:00:00Z'
const T2 = '2026-01-01T00:01:00Z'

const cm = (data: Record<string, string>, metadata: KubeObject['metadata'] = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', ...metadata }, data })

/** Applies as the apply verb does: the result stands for the stored object (uid set on create). */
function apply(live: KubeObject | undefined, config: KubeObject, by: { manager: string; force?: boolean; nowIso?: string; kind?: string }): KubeObject {
  const scope = builtInScope(by.kind ?? 'ConfigMap', { manager: by.manager, nowIso: by.nowIso ?? T1 })
  const object = applyManagedFields(scope, live, config, by.force ?? false)
  object.metadata.uid ??= 'u1'
  return object
}

function conflictOf(action: () => unknown): ApiError {
  try {
    action()
  } catch (error) {
    assert.ok(error instanceof ApiError, String(error))
    return error
  }
  assert.fail('expected a conflict')
}

test('apply: creates from nothing; the manager owns what it applied, identity metadata stripped', () => {
  const object = apply(undefined, cm({ x: '1' }, { labels: { app: 'a' } }), { manager: 'a' })
  assert.deepEqual(object.data, { x: '1' })
  assert.deepEqual(managedLines(object), ['a Apply @2026-01-01T00:00:00Z: {"f:data":{"f:x":{}},"f:metadata":{"f:labels":{"f:app":{}}}}'])
})

test('apply: a second manager applying equal values co-owns them, and a no-op apply records no time', () => {
  const first = apply(undefined, cm({ x: '1' }), { manager: 'a' })
  const second = apply(first, cm({ x: '1' }), { manager: 'b', nowIso: T2 })
  assert.deepEqual(second.data, first.data)
  assert.deepEqual(managedLines(second), ['b Apply: {"f:data":{"f:x":{}}}', 'a Apply @2026-01-01T00:00:00Z: {"f:data":{"f:x":{}}}'])
})

test('apply: a different value is a 409 naming the field and the manager, as kube words it', () => {
  const first = apply(undefined, cm({ x: '1' }), { manager: 'a' })
  const error = conflictOf(() => apply(first, cm({ x: '2' }), { manager: 'b' }))
  assert.equal(error.code, 409)
  assert.equal(error.reason, 'Conflict')
  assert.equal(error.message, 'Apply failed with 1 conflict: conflict with "a": .data.x')
  assert.deepEqual(error.details, { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "a"', field: '.data.x' }] })
})

test('apply: several conflicts are grouped by manager, managers in order, updaters named with their apiVersion', () => {
  let object = apply(undefined, cm({ a: '1', b: '1', c: '1' }), { manager: 'Bob' })
  object = apply(object, cm({ a: '1', b: '1', c: '1' }), { manager: 'Alice' })
  const next = structuredClone(object)
  ;(next.data as Record<string, string>).d = '1'
  updateManagedFields(builtInScope('ConfigMap', { manager: 'kubectl-edit', nowIso: T2 }), object, next)
  const error = conflictOf(() => apply(next, cm({ a: '2', c: '2', d: '2' }), { manager: 'Carol' }))
  assert.equal(error.message, [
    'Apply failed with 5 conflicts: conflicts with "Alice":',
    '- .data.a',
    '- .data.c',
    'conflicts with "Bob":',
    '- .data.a',
    '- .data.c',
    'conflicts with "kubectl-edit" using v1:',
    '- .data.d',
  ].join('\n'))
})

test('apply with force takes the field; a field the applier alone owned goes when it stops applying it, a co-owned one stays', () => {
  let object = apply(undefined, cm({ x: '1', y: '1' }), { manager: 'a' })
  object = apply(object, cm({ x: '2', y: '1', z: '1' }), { manager: 'b', force: true })
  assert.deepEqual(managedLines(object), ['a Apply @2026-01-01T00:00:00Z: {"f:data":{"f:y":{}}}', 'b Apply @2026-01-01T00:00:00Z: {"f:data":{"f:x":{},"f:y":{},"f:z":{}}}'])
  object = apply(object, cm({ z: '1' }), { manager: 'b', nowIso: T2 })
  assert.deepEqual(object.data, { y: '1', z: '1' }, 'x (b alone) removed, y (also a\'s) kept')
  assert.deepEqual(managedLines(object), ['a Apply @2026-01-01T00:00:00Z: {"f:data":{"f:y":{}}}', 'b Apply @2026-01-01T00:01:00Z: {"f:data":{"f:z":{}}}'])
})

test('apply over an object nobody tracked: its fields are before-first-apply\'s, and conflict', () => {
  const untracked = { ...cm({ x: '1' }), metadata: { name: 'c', uid: 'u1' } }
  const error = conflictOf(() => apply(untracked, cm({ x: '2' }), { manager: 'a' }))
  assert.equal(error.message, 'Apply failed with 1 conflict: conflict with "before-first-apply" using v1: .data.x')
})

test('kubectl over client-side apply: conflicts on last-applied fields still at their values are taken; the annotation follows', () => {
  const lastApplied = '{"apiVersion":"v1","data":{"x":"1"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"c"}}\n'
  const csa = cm({ x: '1' }, { annotations: { [LAST_APPLIED]: lastApplied } })
  updateManagedFields(builtInScope('ConfigMap', { manager: 'kubectl-client-side-apply', nowIso: T1 }), undefined, csa)
  csa.metadata.uid = 'u1'
  const object = apply(csa, cm({ x: '2' }), { manager: 'kubectl', nowIso: T2 })
  assert.deepEqual(object.data, { x: '2' })
  // Go's encoding/json of the configuration, keys sorted, newline-terminated (lastappliedupdater.go).
  assert.equal(object.metadata.annotations![LAST_APPLIED], '{"apiVersion":"v1","data":{"x":"2"},"kind":"ConfigMap","metadata":{"name":"c"}}\n')
  const other = conflictOf(() => apply(csa, cm({ x: '2' }), { manager: 'someone-else' }))
  assert.match(other.message, /conflict with "kubectl-client-side-apply" using v1: \.data\.x/)
})

test('apply through /status owns only status', () => {
  const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', uid: 'u1' }, spec: { containers: [{ name: 'c', image: 'i' }] } }
  const scope = builtInScope('Pod', { manager: 'kubelet', subresource: 'status', nowIso: T1 })
  const config: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { a: 'b' } }, status: { phase: 'Running' } }
  updateManagedFields(builtInScope('Pod', { manager: 'creator' }), undefined, pod)
  const object = applyManagedFields(scope, pod, config, false)
  assert.deepEqual(managedLines(object).filter((l) => l.startsWith('kubelet')), ['kubelet Apply status @2026-01-01T00:00:00Z: {"f:status":{"f:phase":{}}}'])
})

const refusals = [
  { name: 'an unknown field', config: { ...cm({}), spec: { x: 1 } }, message: 'failed to create typed patch object (/c; /v1, Kind=ConfigMap): .spec: field not declared in schema' },
  { name: 'managedFields', config: cm({}, { managedFields: [] }), message: 'metadata.managedFields must be nil' },
  { name: 'another kind', config: { ...cm({}), kind: 'Secret' }, message: 'invalid object type: /v1, Kind=Secret' },
  {
    name: 'a repeated list key',
    kind: 'Pod',
    config: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a' }, { name: 'a' }] } },
    message: 'failed to create typed patch object (/p; /v1, Kind=Pod): .spec.containers: duplicate entries for key [name="a"]',
  },
]
for (const c of refusals) {
  test(`apply: a configuration with ${c.name} is a 400`, () => {
    const error = conflictOf(() => apply(undefined, c.config as KubeObject, { manager: 'a', ...(c.kind ? { kind: c.kind } : {}) }))
    assert.equal(error.code, 400)
    assert.equal(error.message, c.message)
  })
}

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseRequestInfo } from '../../api/request-info.js'
import type { Status } from '../../api/types.js'
import { auditEventOf, isAudited } from './audit-event.js'
import type { AuditRecord } from './audit-record.js'

const info = (method: string, url: string) => {
  const u = new URL(url, 'https://x')
  return parseRequestInfo(method, u.pathname, u.searchParams)
}
const admin = { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] }
const record = (over: Partial<AuditRecord>): AuditRecord => ({
  auditId: 'a1b2', receivedAtUs: Date.UTC(2026, 0, 2, 3, 4, 5) * 1000 + 123456, requestUri: '/api/v1/namespaces/default/configmaps',
  sourceIps: ['127.0.0.1'], userAgent: 'kubectl/v1.32.4', ...over,
})

test('mutating requests and refused ones are audited; reads are not', () => {
  assert.ok(isAudited(record({ info: info('POST', '/api/v1/namespaces/default/configmaps') }), 201))
  assert.ok(isAudited(record({ info: info('DELETE', '/api/v1/namespaces/default/configmaps') }), 200))
  assert.ok(!isAudited(record({ info: info('GET', '/api/v1/namespaces/default/configmaps') }), 200))
  assert.ok(isAudited(record({ info: info('GET', '/api/v1/namespaces/default/configmaps') }), 403))
  assert.ok(isAudited(record({}), 401))
})

// audit.k8s.io/v1 Event at level Metadata (staging/apiserver/pkg/apis/audit/v1/types.go)
test("a create: kube's Event fields, objectRef with the name written and the resulting resourceVersion, the decision as annotations", () => {
  const event = auditEventOf(record({
    info: info('POST', '/api/v1/namespaces/default/configmaps'), user: admin,
    decision: { allowed: true, reason: 'member of system:masters' }, scope: { writtenResourceVersion: '42', writtenName: 'settings' },
  }), 201) as Record<string, any>
  assert.deepEqual(Object.keys(event), ['kind', 'apiVersion', 'level', 'auditID', 'stage', 'requestURI', 'verb', 'user', 'sourceIPs', 'userAgent', 'objectRef', 'responseStatus', 'requestReceivedTimestamp', 'stageTimestamp', 'annotations'])
  assert.deepEqual([event.kind, event.apiVersion, event.level, event.stage, event.verb], ['Event', 'audit.k8s.io/v1', 'Metadata', 'ResponseComplete', 'create'])
  assert.deepEqual(event.user, { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] })
  assert.deepEqual(event.objectRef, { resource: 'configmaps', namespace: 'default', name: 'settings', apiVersion: 'v1', resourceVersion: '42' })
  assert.deepEqual(event.responseStatus, { metadata: {}, code: 201 })
  assert.equal(event.requestReceivedTimestamp, '2026-01-02T03:04:05.123456Z')
  assert.match(event.stageTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
  assert.deepEqual(event.annotations, { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': 'member of system:masters' })
})

test('a refusal: the Status it answered with, and who impersonated whom', () => {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods is forbidden: …', reason: 'Forbidden', details: { kind: 'pods' }, code: 403 }
  const event = auditEventOf(record({
    info: info('GET', '/apis/apps/v1/namespaces/team/deployments/web/scale'), user: admin, impersonatedUser: { name: 'jane', groups: ['system:authenticated'] },
    decision: { allowed: false, reason: '' }, responseStatus: status,
  }), 403) as Record<string, any>
  assert.deepEqual(event.impersonatedUser, { username: 'jane', groups: ['system:authenticated'] })
  assert.deepEqual(event.objectRef, { resource: 'deployments', namespace: 'team', name: 'web', apiGroup: 'apps', apiVersion: 'v1', subresource: 'scale' })
  assert.deepEqual(event.responseStatus, { metadata: {}, status: 'Failure', message: 'pods is forbidden: …', reason: 'Forbidden', details: { kind: 'pods' }, code: 403 })
  assert.equal(event.annotations['authorization.k8s.io/decision'], 'forbid')
})

test('an unauthenticated request has an empty user and no objectRef for a non-resource path', () => {
  const event = auditEventOf(record({ info: info('GET', '/metrics') }), 401) as Record<string, any>
  assert.deepEqual(event.user, {})
  assert.equal(event.objectRef, undefined)
  assert.equal(event.verb, 'get')
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { allMessageNames, hasMessage, kindMessageName, messageSpec, referencedTypes } from './message-table.js'
import { SPECIAL_TYPES } from './special-types.js'

const SCALARS = new Set(['string', 'bool', 'int32', 'int64', 'bytes'])

test('the table is closed: every field type is a scalar, a special type or a message of the table', () => {
  for (const type of referencedTypes()) assert.ok(SCALARS.has(type) || type in SPECIAL_TYPES || hasMessage(type), type)
})

test('no message contains itself, so nesting is bounded by the table (the decoder caps it anyway)', () => {
  const depthOf = (name: string, path: string[]): number => {
    assert.ok(!path.includes(name), `${[...path, name].join(' → ')}`)
    const nested = messageSpec(name).fields.filter((f) => !f.isScalar && hasMessage(f.type))
    return 1 + Math.max(0, ...nested.map((f) => depthOf(f.type, [...path, name])))
  }
  assert.ok(Math.max(...allMessageNames().map((name) => depthOf(name, []))) < 64)
})

test('the kinds the imperative commands send are in the table', () => {
  const kinds = ['v1/Namespace', 'v1/ConfigMap', 'v1/Secret', 'v1/Service', 'v1/ServiceAccount', 'v1/ResourceQuota', 'apps/v1/Deployment',
    'batch/v1/Job', 'batch/v1/CronJob', 'autoscaling/v1/Scale', 'rbac.authorization.k8s.io/v1/Role', 'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
    'policy/v1/PodDisruptionBudget', 'policy/v1/Eviction', 'networking.k8s.io/v1/Ingress', 'scheduling.k8s.io/v1/PriorityClass',
    'authorization.k8s.io/v1/SelfSubjectAccessReview', 'authentication.k8s.io/v1/TokenRequest', 'authentication.k8s.io/v1/SelfSubjectReview',
    'coordination.k8s.io/v1/Lease', 'events.k8s.io/v1/Event', 'discovery.k8s.io/v1/EndpointSlice']
  for (const key of kinds) {
    const slash = key.lastIndexOf('/')
    assert.ok(kindMessageName(key.slice(0, slash), key.slice(slash + 1)), key)
  }
  assert.equal(kindMessageName('v1', 'NamespaceList'), undefined)
})

test('field specs are built once per message', () => {
  assert.equal(messageSpec('core.v1.PodSpec'), messageSpec('core.v1.PodSpec'))
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ApiError } from './errors.js'
import { parseFieldSelector } from './field-selector.js'
import { checkFieldSelectorSupported, fieldValue, labelKeyErrors, labelValueErrors } from './selectors.js'
import type { FieldSelectorPolicy } from './selectors.js'
import type { KubeObject } from './types.js'

const pod: KubeObject = {
  kind: 'Pod',
  metadata: { name: 'x', namespace: 'default' },
  spec: { nodeName: 'n1', restartPolicy: 'Always', hostNetwork: true },
  status: { phase: 'Running', podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.7' }] },
}
const event: KubeObject = {
  metadata: { name: 'e' },
  involvedObject: { kind: 'Pod', name: 'x', uid: 'u1' },
  reportingComponent: 'kubelet',
  source: {},
  type: 'Normal',
}

const valueCases: Array<{ obj: KubeObject; path: string; want: string }> = [
  { obj: pod, path: 'metadata.name', want: 'x' },
  { obj: pod, path: 'metadata.namespace', want: 'default' },
  { obj: pod, path: 'spec.nodeName', want: 'n1' },
  { obj: pod, path: 'status.phase', want: 'Running' },
  { obj: pod, path: 'spec.hostNetwork', want: 'true' },
  { obj: { metadata: {} }, path: 'spec.hostNetwork', want: 'false' },
  { obj: pod, path: 'status.podIP', want: '10.0.0.7' },
  { obj: pod, path: 'status.nominatedNodeName', want: '' },
  { obj: event, path: 'involvedObject.name', want: 'x' },
  { obj: event, path: 'involvedObject.uid', want: 'u1' },
  { obj: event, path: 'involvedObject.namespace', want: '' },
  { obj: event, path: 'source', want: 'kubelet' },
  { obj: { ...event, source: { component: 'sched' } }, path: 'source', want: 'sched' },
  { obj: { metadata: {}, spec: { unschedulable: true } }, path: 'spec.unschedulable', want: 'true' },
  { obj: { metadata: {} }, path: 'spec.unschedulable', want: 'false' },
  { obj: { metadata: {}, status: { succeeded: 2 } }, path: 'status.successful', want: '2' },
  { obj: { metadata: {} }, path: 'status.replicas', want: '0' },
  { obj: { metadata: {}, type: 'Opaque' }, path: 'type', want: 'Opaque' },
]

for (const c of valueCases) {
  test(`fieldValue(${c.path}) is ${JSON.stringify(c.want)}`, () => {
    assert.equal(fieldValue(c.obj, c.path), c.want)
  })
}

test('a field selector matches through fieldValue', () => {
  const selector = parseFieldSelector('spec.nodeName=n1,status.phase!=Pending')
  assert.equal(selector.matches((path) => fieldValue(pod, path)), true)
})

const pods: FieldSelectorPolicy = { group: '', kind: 'Pod', isNamespaced: true, fieldSelectors: ['spec.nodeName', 'status.phase'] }
const configMaps: FieldSelectorPolicy = { group: '', kind: 'ConfigMap', isNamespaced: true, fieldSelectors: [] }
const nodes: FieldSelectorPolicy = { group: '', kind: 'Node', isNamespaced: false, fieldSelectors: ['spec.unschedulable'] }
const jobs: FieldSelectorPolicy = { group: 'batch', kind: 'Job', isNamespaced: true, fieldSelectors: ['status.successful'] }
const widgets: FieldSelectorPolicy = { group: 'example.com', kind: 'Widget', isNamespaced: false, fieldSelectors: [], isCustomResource: true }

const supportCases: Array<{ policy: FieldSelectorPolicy; selector: string; message?: string }> = [
  { policy: pods, selector: 'metadata.name=x,metadata.namespace=d,spec.nodeName=n' },
  { policy: pods, selector: 'x=1', message: 'field label not supported: x' },
  { policy: pods, selector: 'zz=1,spec.bogus=2', message: 'field label not supported: spec.bogus' },
  { policy: configMaps, selector: 'metadata.namespace=d' },
  { policy: configMaps, selector: 'data.x=1', message: '"data.x" is not a known field selector: only "metadata.name", "metadata.namespace"' },
  { policy: nodes, selector: 'spec.unschedulable=true,metadata.name=n' },
  { policy: nodes, selector: 'metadata.namespace=', message: 'field label not supported: metadata.namespace' },
  { policy: jobs, selector: 'status.succeeded=1', message: 'field label "status.succeeded" not supported for batchv1.Job' },
  { policy: widgets, selector: 'metadata.namespace=x', message: 'field label not supported: metadata.namespace' },
]

for (const c of supportCases) {
  test(`${c.policy.kind} with ${c.selector}: ${c.message ?? 'supported'}`, () => {
    const check = () => checkFieldSelectorSupported(parseFieldSelector(c.selector), c.policy)
    if (!c.message) return assert.doesNotThrow(check)
    assert.throws(check, (e: unknown) => e instanceof ApiError && e.code === 400 && e.message === c.message)
  })
}

test('label key and value syntax follow kube', () => {
  assert.deepEqual(labelKeyErrors('app.kubernetes.io/name'), [])
  assert.deepEqual(labelKeyErrors('a'.repeat(63)), [])
  assert.deepEqual(labelKeyErrors('a'.repeat(64)), ['name part must be no more than 63 characters'])
  assert.deepEqual(labelKeyErrors('/x'), ['prefix part must be non-empty'])
  assert.equal(labelKeyErrors('x/').length, 2)
  assert.deepEqual(labelValueErrors(''), [])
  assert.deepEqual(labelValueErrors('My_value-1.2'), [])
  assert.equal(labelValueErrors('-x').length, 1)
})

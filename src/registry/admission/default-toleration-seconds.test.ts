import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { KubeObject } from '../../api/types.js'
import { addDefaultTolerations } from './default-toleration-seconds.js'

// Cases from k8s: plugin/pkg/admission/defaulttolerationseconds/admission_test.go.
const notReady = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }
const unreachable = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }
const own = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }

const cases: Array<{ name: string; tolerations?: object[]; want: object[] }> = [
  { name: 'none: both are added', want: [notReady, unreachable] },
  { name: 'an own not-ready toleration is kept, unreachable added', tolerations: [own], want: [own, unreachable] },
  { name: 'a NoSchedule toleration does not count', tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }],
    want: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }, notReady, unreachable] },
  { name: 'a toleration of every taint covers both', tolerations: [{ operator: 'Exists' }], want: [{ operator: 'Exists' }] },
  { name: 'one of every NoExecute taint covers both', tolerations: [{ operator: 'Exists', effect: 'NoExecute' }], want: [{ operator: 'Exists', effect: 'NoExecute' }] },
]

for (const c of cases) {
  test(`default tolerations: ${c.name}`, () => {
    const pod = { metadata: {}, spec: c.tolerations ? { tolerations: structuredClone(c.tolerations) } : {} } as KubeObject
    addDefaultTolerations(pod)
    assert.deepEqual((pod.spec as { tolerations: object[] }).tolerations, c.want)
  })
}

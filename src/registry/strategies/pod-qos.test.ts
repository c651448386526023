import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { KubeObject } from '../../api/types.js'
import { podQosClass } from './pod-qos.js'

// Cases from k8s: pkg/apis/core/helper/qos/qos_test.go TestComputePodQOS.
const resources = (requests?: object, limits?: object) => ({ resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } })
const cpuMem = (cpu: string, memory: string) => ({ cpu, memory })

const cases: Array<{ name: string; containers: object[]; initContainers?: object[]; want: string }> = [
  { name: 'nothing requested or limited', containers: [{}, resources({}, {})], want: 'BestEffort' },
  { name: 'only other resources', containers: [resources({ 'nvidia.com/gpu': '1' }, { 'nvidia.com/gpu': '1' })], want: 'BestEffort' },
  { name: 'zero amounts do not count', containers: [resources({ cpu: '0' }, { memory: '0' })], want: 'BestEffort' },
  { name: 'limits equal to requests for cpu and memory', containers: [resources(cpuMem('100m', '1Gi'), cpuMem('0.1', '1024Mi'))], want: 'Guaranteed' },
  { name: 'limits alone (the pod defaults requests to them)', containers: [resources(undefined, cpuMem('1', '1Gi'))], want: 'Burstable' },
  { name: 'requests below limits', containers: [resources(cpuMem('100m', '1Gi'), cpuMem('200m', '1Gi'))], want: 'Burstable' },
  { name: 'cpu limited but not memory', containers: [resources({ cpu: '1' }, { cpu: '1' })], want: 'Burstable' },
  { name: 'one container without limits', containers: [resources(cpuMem('1', '1Gi'), cpuMem('1', '1Gi')), {}], want: 'Burstable' },
  { name: 'init containers count', containers: [resources(cpuMem('1', '1Gi'), cpuMem('1', '1Gi'))], initContainers: [resources({ cpu: '1' })], want: 'Burstable' },
]

for (const c of cases) {
  test(`QoS: ${c.name} → ${c.want}`, () => {
    const pod = { metadata: {}, spec: { containers: c.containers, initContainers: c.initContainers } } as KubeObject
    assert.equal(podQosClass(pod), c.want)
  })
}

import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { JsonObject } from '../../api/json-object.js'
import type { KubeObject } from '../../api/types.js'
import { defaultPod } from './pod-defaults.js'
import { defaultPodTemplate } from './pod-spec-defaults.js'

// Expected values from kube's own lists: pkg/apis/core/v1/defaults_test.go TestWorkloadDefaults
// (every default under a PodTemplateSpec) and TestPodDefaults (what a Pod adds), 1.32's gates.

/** What SetDefaults_PodSpec gives an empty spec. */
const SPEC = { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30 }
/** What SetDefaults_Container gives a container of an image with a tag. */
const CONTAINER = { imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }
const PROBE = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 }
const HTTP_GET = { path: '/', scheme: 'HTTP' }
const c = (extra: JsonObject = {}) => ({ name: 'c', image: 'i:1', ...extra })

const templateCases: Array<{ name: string; spec: JsonObject; want: JsonObject }> = [
  { name: 'an empty spec', spec: {}, want: SPEC },
  { name: 'set fields are kept', spec: { dnsPolicy: 'Default', restartPolicy: 'Never', terminationGracePeriodSeconds: 0, securityContext: { runAsUser: 1 } },
    want: { ...SPEC, dnsPolicy: 'Default', restartPolicy: 'Never', terminationGracePeriodSeconds: 0, securityContext: { runAsUser: 1 } } },
  { name: 'containers of every kind, an untagged image pulls Always', spec: { containers: [{ name: 'a', image: 'nginx' }], initContainers: [c()], ephemeralContainers: [c({ imagePullPolicy: 'Never' })] },
    want: { ...SPEC, containers: [{ name: 'a', image: 'nginx', ...CONTAINER, imagePullPolicy: 'Always' }], initContainers: [{ ...c(), ...CONTAINER }], ephemeralContainers: [{ ...c(), ...CONTAINER, imagePullPolicy: 'Never' }] } },
  { name: 'ports are TCP; env fieldRefs name v1', spec: { containers: [c({ ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }], env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'V', value: 'x' }] })] },
    want: { ...SPEC, containers: [{ ...c(), ...CONTAINER, ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }], env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name', apiVersion: 'v1' } } }, { name: 'V', value: 'x' }] }] } },
  { name: 'probes and lifecycle hooks', spec: { containers: [c({
    livenessProbe: { httpGet: { port: 80 } }, readinessProbe: { grpc: { port: 9 }, periodSeconds: 5 }, startupProbe: { tcpSocket: { port: 80 } },
    lifecycle: { postStart: { httpGet: { port: 80, path: '/up' } }, preStop: { exec: { command: ['x'] } } } })] },
    want: { ...SPEC, containers: [{ ...c(), ...CONTAINER,
      livenessProbe: { httpGet: { port: 80, ...HTTP_GET }, ...PROBE }, readinessProbe: { grpc: { port: 9, service: '' }, ...PROBE, periodSeconds: 5 }, startupProbe: { tcpSocket: { port: 80 }, ...PROBE },
      lifecycle: { postStart: { httpGet: { port: 80, path: '/up', scheme: 'HTTP' } }, preStop: { exec: { command: ['x'] } } } }] } },
  { name: 'volumes: no source is an emptyDir; modes are 0644', spec: { volumes: [
    { name: 'a' }, { name: 'b', secret: { secretName: 's' } }, { name: 'c', configMap: { name: 'm', defaultMode: 256 } },
    { name: 'd', downwardAPI: { items: [{ path: 'p', fieldRef: { fieldPath: 'metadata.labels' } }] } }, { name: 'e', hostPath: { path: '/x' } },
    { name: 'f', projected: { sources: [{ serviceAccountToken: { path: 't' } }, { downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.namespace' } }] } }] } }] },
    want: { ...SPEC, volumes: [
      { name: 'a', emptyDir: {} }, { name: 'b', secret: { secretName: 's', defaultMode: 420 } }, { name: 'c', configMap: { name: 'm', defaultMode: 256 } },
      { name: 'd', downwardAPI: { defaultMode: 420, items: [{ path: 'p', fieldRef: { fieldPath: 'metadata.labels', apiVersion: 'v1' } }] } }, { name: 'e', hostPath: { path: '/x', type: '' } },
      { name: 'f', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 3600 } }, { downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.namespace', apiVersion: 'v1' } }] } }] } }] } },
  { name: 'volumes: the declarative defaults of old sources', spec: { volumes: [
    { name: 'a', iscsi: { targetPortal: 't', iqn: 'q', lun: 0 } }, { name: 'b', rbd: { monitors: ['m'], image: 'i' } }, { name: 'c', azureDisk: { diskName: 'd', diskURI: 'u' } },
    { name: 'd', scaleIO: { gateway: 'g', system: 's', secretRef: { name: 'x' } } }, { name: 'e', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'] } } } }] },
    want: { ...SPEC, volumes: [
      { name: 'a', iscsi: { targetPortal: 't', iqn: 'q', lun: 0, iscsiInterface: 'default' } }, { name: 'b', rbd: { monitors: ['m'], image: 'i', pool: 'rbd', user: 'admin', keyring: '/etc/ceph/keyring' } },
      { name: 'c', azureDisk: { diskName: 'd', diskURI: 'u', cachingMode: 'ReadWrite', fsType: 'ext4', readOnly: false, kind: 'Shared' } },
      { name: 'd', scaleIO: { gateway: 'g', system: 's', secretRef: { name: 'x' }, storageMode: 'ThinProvisioned', fsType: 'xfs' } },
      { name: 'e', ephemeral: { volumeClaimTemplate: { metadata: { creationTimestamp: null }, spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem', resources: {} } } } }] } },
  { name: 'a template with host networking gets no host ports (DefaultHostNetworkHostPortsInPodTemplates is off)', spec: { hostNetwork: true, containers: [c({ ports: [{ containerPort: 80 }] })] },
    want: { ...SPEC, hostNetwork: true, containers: [{ ...c(), ...CONTAINER, ports: [{ containerPort: 80, protocol: 'TCP' }] }] } },
  { name: 'serviceAccount is written as the account name; a lone serviceAccount names it', spec: { serviceAccount: 'old' },
    want: { ...SPEC, serviceAccountName: 'old', serviceAccount: 'old' } },
  { name: 'serviceAccountName wins over serviceAccount', spec: { serviceAccountName: 'new', serviceAccount: 'old' },
    want: { ...SPEC, serviceAccountName: 'new', serviceAccount: 'new' } },
  { name: 'a template does not request its limits', spec: { containers: [c({ resources: { limits: { cpu: '1' } } })] },
    want: { ...SPEC, containers: [{ ...c(), ...CONTAINER, resources: { limits: { cpu: '1' } } }] } },
]

for (const tc of templateCases) {
  test(`pod template: ${tc.name}`, () => {
    const template: JsonObject = { spec: structuredClone(tc.spec) }
    defaultPodTemplate(template)
    assert.deepEqual(template, { metadata: { creationTimestamp: null }, spec: tc.want })
  })
}

const podCases: Array<{ name: string; spec: JsonObject; want: JsonObject }> = [
  { name: 'a pod links services', spec: { containers: [c()] }, want: { ...SPEC, enableServiceLinks: true, containers: [{ ...c(), ...CONTAINER }] } },
  { name: 'limits are requested when requests are missing', spec: { enableServiceLinks: false, containers: [c({ resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } } })], initContainers: [c({ resources: { limits: { memory: '1Gi' } } })] },
    want: { ...SPEC, enableServiceLinks: false, containers: [{ ...c(), ...CONTAINER, resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } } }],
      initContainers: [{ ...c(), ...CONTAINER, resources: { limits: { memory: '1Gi' }, requests: { memory: '1Gi' } } }] } },
  { name: 'host networking makes container ports host ports', spec: { hostNetwork: true, containers: [c({ ports: [{ containerPort: 80 }, { containerPort: 81, hostPort: 8081 }] })] },
    want: { ...SPEC, hostNetwork: true, enableServiceLinks: true, containers: [{ ...c(), ...CONTAINER, ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }, { containerPort: 81, hostPort: 8081, protocol: 'TCP' }] }] } },
]

for (const tc of podCases) {
  test(`pod: ${tc.name}`, () => {
    const pod: KubeObject = { metadata: { name: 'p' }, spec: structuredClone(tc.spec) }
    defaultPod(pod)
    assert.deepEqual(pod.spec, tc.want)
  })
}

test('defaulting twice changes nothing (kube defaults again on every read)', () => {
  const pod: KubeObject = { metadata: { name: 'p' }, spec: { hostNetwork: true, volumes: [{ name: 'v' }], containers: [c({ ports: [{ containerPort: 1 }], resources: { limits: { cpu: '1' } } })] } }
  defaultPod(pod)
  const once = structuredClone(pod)
  defaultPod(pod)
  assert.deepEqual(pod, once)
})

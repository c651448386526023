import type { ResourceDefinition } from './resource-definition.js'

type Entry = Omit<ResourceDefinition, 'singular' | 'shortNames' | 'categories' | 'subresources' | 'fieldSelectors' | 'schemaName'> &
  Partial<Pick<ResourceDefinition, 'shortNames' | 'categories' | 'subresources' | 'fieldSelectors'>> & { schemaPackage: string }

const ALL = ['all'] as const

// Field selectors per kind as kube-apiserver registers them (pkg/registry/<group>/<kind>/strategy.go
// GetAttrs / AddFieldLabelConversionFunc).
const entries: Entry[] = [
  { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', isNamespaced: false, shortNames: ['ns'], subresources: ['status'], fieldSelectors: ['status.phase'], schemaPackage: 'io.k8s.api.core.v1' },
  { group: '', version: 'v1', kind: 'Pod', plural: 'pods', isNamespaced: true, shortNames: ['po'], categories: ALL, subresources: ['status'], fieldSelectors: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'], schemaPackage: 'io.k8s.api.core.v1' },
  { group: '', version: 'v1', kind: 'Service', plural: 'services', isNamespaced: true, shortNames: ['svc'], categories: ALL, subresources: ['status'], schemaPackage: 'io.k8s.api.core.v1' },
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', isNamespaced: true, shortNames: ['cm'], schemaPackage: 'io.k8s.api.core.v1' },
  { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', isNamespaced: true, fieldSelectors: ['type'], schemaPackage: 'io.k8s.api.core.v1' },
  { group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', isNamespaced: true, shortNames: ['sa'], schemaPackage: 'io.k8s.api.core.v1' },
  { group: '', version: 'v1', kind: 'Event', plural: 'events', isNamespaced: true, shortNames: ['ev'], fieldSelectors: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'], schemaPackage: 'io.k8s.api.core.v1' },
  { group: '', version: 'v1', kind: 'Node', plural: 'nodes', isNamespaced: false, shortNames: ['no'], subresources: ['status'], fieldSelectors: ['spec.unschedulable'], schemaPackage: 'io.k8s.api.core.v1' },
  { group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', isNamespaced: true, shortNames: ['ep'], schemaPackage: 'io.k8s.api.core.v1' },
  { group: '', version: 'v1', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', isNamespaced: true, shortNames: ['pvc'], subresources: ['status'], schemaPackage: 'io.k8s.api.core.v1' },
  { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', isNamespaced: true, shortNames: ['deploy'], categories: ALL, subresources: ['status', 'scale'], schemaPackage: 'io.k8s.api.apps.v1' },
  { group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', isNamespaced: true, shortNames: ['rs'], categories: ALL, subresources: ['status', 'scale'], fieldSelectors: ['status.replicas'], schemaPackage: 'io.k8s.api.apps.v1' },
  { group: 'apps', version: 'v1', kind: 'StatefulSet', plural: 'statefulsets', isNamespaced: true, shortNames: ['sts'], categories: ALL, subresources: ['status', 'scale'], schemaPackage: 'io.k8s.api.apps.v1' },
  { group: 'apps', version: 'v1', kind: 'DaemonSet', plural: 'daemonsets', isNamespaced: true, shortNames: ['ds'], categories: ALL, subresources: ['status'], schemaPackage: 'io.k8s.api.apps.v1' },
  { group: 'batch', version: 'v1', kind: 'Job', plural: 'jobs', isNamespaced: true, categories: ALL, subresources: ['status'], fieldSelectors: ['status.successful'], schemaPackage: 'io.k8s.api.batch.v1' },
  { group: 'batch', version: 'v1', kind: 'CronJob', plural: 'cronjobs', isNamespaced: true, shortNames: ['cj'], categories: ALL, subresources: ['status'], schemaPackage: 'io.k8s.api.batch.v1' },
  { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', isNamespaced: true, schemaPackage: 'io.k8s.api.coordination.v1' },
]

/** The built-in kinds watchplane serves, as data. */
export const BUILTIN_RESOURCES: readonly ResourceDefinition[] = entries.map(({ schemaPackage, ...e }) =>
  Object.freeze({
    ...e,
    singular: e.kind.toLowerCase(),
    shortNames: e.shortNames ?? [],
    categories: e.categories ?? [],
    subresources: e.subresources ?? [],
    fieldSelectors: e.fieldSelectors ?? [],
    schemaName: `${schemaPackage}.${e.kind}`,
  }),
)

import { namespaceStrategy } from './namespaces/namespace-strategy.js'
import { configMapPrinter } from './printers/configmaps.js'
import { cronJobPrinter } from './printers/cronjobs.js'
import { daemonSetPrinter } from './printers/daemonsets.js'
import { deploymentPrinter } from './printers/deployments.js'
import { endpointsPrinter } from './printers/endpoints.js'
import { eventPrinter } from './printers/events.js'
import { jobPrinter } from './printers/jobs.js'
import { leasePrinter } from './printers/leases.js'
import { namespacePrinter } from './printers/namespaces.js'
import { nodePrinter } from './printers/nodes.js'
import { persistentVolumeClaimPrinter } from './printers/persistentvolumeclaims.js'
import type { Printer } from './printers/printer.js'
import { podPrinter } from './printers/pods.js'
import { replicaSetPrinter } from './printers/replicasets.js'
import { secretPrinter } from './printers/secrets.js'
import { serviceAccountPrinter } from './printers/serviceaccounts.js'
import { servicePrinter } from './printers/services.js'
import { statefulSetPrinter } from './printers/statefulsets.js'
import { ALL_RESOURCE_VERBS, storageResourceOf, type ResourceDefinition, type ResourceVerb, type ScaleSubresource, type Subresources } from './resource-definition.js'
import { podStrategy } from './strategies/pods.js'
import { serviceStrategy } from './services/service-strategy.js'
import { jobStrategy, workloadStrategy } from './strategies/workloads.js'
import { GENERIC_STRATEGY, type Strategy } from './strategy.js'

interface BuiltinEntry {
  group: string
  version: string
  kind: string
  plural: string
  isNamespaced: boolean
  /** the package of its schema in the catalog: io.k8s.api.core.v1 */
  schemaPackage: string
  printer: Printer
  strategy?: Strategy
  shortNames?: readonly string[]
  categories?: readonly string[]
  verbs?: readonly ResourceVerb[]
  subresources?: Subresources
  fieldSelectors?: readonly string[]
}

const ALL = ['all'] as const
const STATUS: Subresources = { status: true }
// The Scale view of the built-in workloads (k8s: pkg/registry/apps/deployment/storage ScaleREST).
const WORKLOAD_SCALE: ScaleSubresource = { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.spec.selector' }
const STATUS_AND_SCALE: Subresources = { status: true, scale: WORKLOAD_SCALE }
// kube serves no deletecollection on namespaces (k8s: pkg/registry/core/namespace/storage/storage.go).
const NO_DELETECOLLECTION = ALL_RESOURCE_VERBS.filter((v) => v !== 'deletecollection')

// Short names, categories, verbs and subresources as kube-apiserver 1.32's discovery lists them
// (k8s: api/discovery/*.json); field selectors as each kind registers them
// (pkg/registry/<group>/<kind>/strategy.go GetAttrs / AddFieldLabelConversionFunc).
const entries: BuiltinEntry[] = [
  { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', isNamespaced: false, shortNames: ['ns'], verbs: NO_DELETECOLLECTION, subresources: STATUS, fieldSelectors: ['status.phase'], schemaPackage: 'io.k8s.api.core.v1', strategy: namespaceStrategy, printer: namespacePrinter },
  { group: '', version: 'v1', kind: 'Pod', plural: 'pods', isNamespaced: true, shortNames: ['po'], categories: ALL, subresources: STATUS, fieldSelectors: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'], schemaPackage: 'io.k8s.api.core.v1', strategy: podStrategy, printer: podPrinter },
  { group: '', version: 'v1', kind: 'Service', plural: 'services', isNamespaced: true, shortNames: ['svc'], categories: ALL, subresources: STATUS, schemaPackage: 'io.k8s.api.core.v1', strategy: serviceStrategy, printer: servicePrinter },
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', isNamespaced: true, shortNames: ['cm'], schemaPackage: 'io.k8s.api.core.v1', printer: configMapPrinter },
  { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', isNamespaced: true, fieldSelectors: ['type'], schemaPackage: 'io.k8s.api.core.v1', printer: secretPrinter },
  { group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', isNamespaced: true, shortNames: ['sa'], schemaPackage: 'io.k8s.api.core.v1', printer: serviceAccountPrinter },
  { group: '', version: 'v1', kind: 'Event', plural: 'events', isNamespaced: true, shortNames: ['ev'], fieldSelectors: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'], schemaPackage: 'io.k8s.api.core.v1', printer: eventPrinter },
  { group: '', version: 'v1', kind: 'Node', plural: 'nodes', isNamespaced: false, shortNames: ['no'], subresources: STATUS, fieldSelectors: ['spec.unschedulable'], schemaPackage: 'io.k8s.api.core.v1', printer: nodePrinter },
  { group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', isNamespaced: true, shortNames: ['ep'], schemaPackage: 'io.k8s.api.core.v1', printer: endpointsPrinter },
  { group: '', version: 'v1', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', isNamespaced: true, shortNames: ['pvc'], subresources: STATUS, schemaPackage: 'io.k8s.api.core.v1', printer: persistentVolumeClaimPrinter },
  { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', isNamespaced: true, shortNames: ['deploy'], categories: ALL, subresources: STATUS_AND_SCALE, schemaPackage: 'io.k8s.api.apps.v1', strategy: workloadStrategy, printer: deploymentPrinter },
  { group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', isNamespaced: true, shortNames: ['rs'], categories: ALL, subresources: STATUS_AND_SCALE, fieldSelectors: ['status.replicas'], schemaPackage: 'io.k8s.api.apps.v1', strategy: workloadStrategy, printer: replicaSetPrinter },
  { group: 'apps', version: 'v1', kind: 'StatefulSet', plural: 'statefulsets', isNamespaced: true, shortNames: ['sts'], categories: ALL, subresources: STATUS_AND_SCALE, schemaPackage: 'io.k8s.api.apps.v1', strategy: workloadStrategy, printer: statefulSetPrinter },
  { group: 'apps', version: 'v1', kind: 'DaemonSet', plural: 'daemonsets', isNamespaced: true, shortNames: ['ds'], categories: ALL, subresources: STATUS, schemaPackage: 'io.k8s.api.apps.v1', strategy: workloadStrategy, printer: daemonSetPrinter },
  { group: 'batch', version: 'v1', kind: 'Job', plural: 'jobs', isNamespaced: true, categories: ALL, subresources: STATUS, fieldSelectors: ['status.successful'], schemaPackage: 'io.k8s.api.batch.v1', strategy: jobStrategy, printer: jobPrinter },
  { group: 'batch', version: 'v1', kind: 'CronJob', plural: 'cronjobs', isNamespaced: true, shortNames: ['cj'], categories: ALL, subresources: STATUS, schemaPackage: 'io.k8s.api.batch.v1', printer: cronJobPrinter },
  { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', isNamespaced: true, schemaPackage: 'io.k8s.api.coordination.v1', printer: leasePrinter },
]

const toDefinition = ({ schemaPackage, ...e }: BuiltinEntry): ResourceDefinition =>
  Object.freeze({
    group: e.group,
    version: e.version,
    kind: e.kind,
    listKind: `${e.kind}List`,
    plural: e.plural,
    singular: e.kind.toLowerCase(),
    storageResource: storageResourceOf(e),
    isNamespaced: e.isNamespaced,
    shortNames: e.shortNames ?? [],
    categories: e.categories ?? [],
    verbs: e.verbs ?? ALL_RESOURCE_VERBS,
    subresources: e.subresources ?? {},
    fieldSelectors: e.fieldSelectors ?? [],
    schemaName: `${schemaPackage}.${e.kind}`,
    acceptsStrategicMergePatch: true,
    isCustom: false,
    strategy: e.strategy ?? GENERIC_STRATEGY,
    printer: e.printer,
  })

/** The built-in kinds watchplane serves, as data. */
export const BUILTIN_RESOURCES: readonly ResourceDefinition[] = entries.map(toDefinition)

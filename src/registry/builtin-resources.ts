import { defaultEndpoints, defaultLimitRange, defaultNode, defaultSecret } from './defaults/core-defaults.js'
import { defaultNetworkPolicy } from './defaults/networking-defaults.js'
import { namespaceStrategy } from './namespaces/namespace-strategy.js'
import { configMapPrinter } from './printers/configmaps.js'
import { createdAtPrinter } from './printers/created-at.js'
import { endpointSlicePrinter } from './printers/endpointslices.js'
import { ingressClassPrinter } from './printers/ingressclasses.js'
import { ingressPrinter } from './printers/ingresses.js'
import { networkPolicyPrinter } from './printers/networkpolicies.js'
import { persistentVolumePrinter } from './printers/persistentvolumes.js'
import { podDisruptionBudgetPrinter } from './printers/poddisruptionbudgets.js'
import { podTemplatePrinter } from './printers/podtemplates.js'
import { priorityClassPrinter } from './printers/priorityclasses.js'
import { replicationControllerPrinter } from './printers/replicationcontrollers.js'
import { resourceQuotaPrinter } from './printers/resourcequotas.js'
import { clusterRoleBindingPrinter, roleBindingPrinter } from './printers/role-bindings.js'
import { storageClassPrinter } from './printers/storageclasses.js'
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
import { selfSubjectReviewStrategy } from './reviews/self-subject-review.js'
import { endpointSliceStrategy } from './strategies/endpoint-slices.js'
import { ingressClassStrategy, ingressStrategy } from './strategies/ingresses.js'
import { initialStatus } from './strategies/initial-status.js'
import { persistentVolumeStrategy } from './strategies/persistent-volumes.js'
import { podTemplateStrategy } from './strategies/pod-templates.js'
import { priorityClassStrategy } from './priority-classes/priority-class-strategy.js'
import { clusterRoleBindingStrategy, clusterRoleStrategy, roleBindingStrategy, roleStrategy } from './strategies/rbac.js'
import { localSubjectAccessReviewStrategy, selfSubjectAccessReviewStrategy, selfSubjectRulesReviewStrategy, subjectAccessReviewStrategy } from './authorization/access-review-strategies.js'
import { replicationControllerStrategy } from './strategies/replication-controllers.js'
import { storageClassStrategy } from './strategies/storage-classes.js'
import { podStrategy } from './strategies/pods.js'
import { serviceStrategy } from './services/service-strategy.js'
import { cronJobStrategy, jobStrategy } from './strategies/jobs.js'
import { persistentVolumeClaimStrategy } from './strategies/persistent-volume-claims.js'
import { daemonSetStrategy, deploymentStrategy, replicaSetStrategy, statefulSetStrategy } from './strategies/workloads.js'
import { GENERIC_STRATEGY, type Strategy } from './strategy.js'
import { crdStrategy } from './crd/crd-strategy.js'
import { eventsV1Conversion } from './events/event-conversion.js'
import { eventsV1Printer } from './events/events-v1-printer.js'
import { eventsV1Strategy } from './events/events-v1-strategy.js'
import type { VersionConversion } from './version-conversion.js'
import { toTimestamp } from './store-context.js'

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
  /** false: kube's strategy for the kind never sets metadata.generation (see Strategy.hasGeneration) */
  hasGeneration?: false
  shortNames?: readonly string[]
  categories?: readonly string[]
  verbs?: readonly ResourceVerb[]
  subresources?: Subresources
  fieldSelectors?: readonly string[]
  /** the version kube stores it in, when not this one (discovery's storageVersionHash) */
  storageVersion?: string
  /** the resource and group it is stored as, when another kind's storage serves it (events.k8s.io over core events) */
  storageResource?: string
  storageGroup?: string
  /** how its objects read from that storage */
  conversion?: VersionConversion
}

const ALL = ['all'] as const
const STATUS: Subresources = { status: true }
// The Scale view of the built-in workloads (k8s: pkg/registry/apps/deployment/storage ScaleREST);
// a ReplicationController's .spec.selector is a label map (core/replicationcontroller/storage).
const WORKLOAD_SCALE: ScaleSubresource = { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.spec.selector' }
const STATUS_AND_SCALE: Subresources = { status: true, scale: WORKLOAD_SCALE }
// kube serves no deletecollection on namespaces (k8s: pkg/registry/core/namespace/storage/storage.go).
const NO_DELETECOLLECTION = ALL_RESOURCE_VERBS.filter((v) => v !== 'deletecollection')
// The access reviews are only ever created (k8s: pkg/registry/authorization/*/rest.go implement rest.Creater alone).
const CREATE_ONLY = ['create'] as const

// Generation only where the kind's PrepareForCreate sets it (k8s 1.32: the workloads, jobs, replication
// controllers, pod templates, PDBs, ingresses and their classes, network policies, endpoint slices).
// Short names, categories, verbs and subresources as kube-apiserver 1.32's discovery lists them
// (k8s: api/discovery/*.json); field selectors as each kind registers them
// (pkg/registry/<group>/<kind>/strategy.go GetAttrs / AddFieldLabelConversionFunc).
const entries: BuiltinEntry[] = [
  { group: '', version: 'v1', kind: 'Namespace', hasGeneration: false, plural: 'namespaces', isNamespaced: false, shortNames: ['ns'], verbs: NO_DELETECOLLECTION, subresources: STATUS, fieldSelectors: ['status.phase'], schemaPackage: 'io.k8s.api.core.v1', strategy: namespaceStrategy, printer: namespacePrinter },
  { group: '', version: 'v1', kind: 'Pod', hasGeneration: false, plural: 'pods', isNamespaced: true, shortNames: ['po'], categories: ALL, subresources: STATUS, fieldSelectors: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'], schemaPackage: 'io.k8s.api.core.v1', strategy: podStrategy, printer: podPrinter },
  { group: '', version: 'v1', kind: 'Service', hasGeneration: false, plural: 'services', isNamespaced: true, shortNames: ['svc'], categories: ALL, subresources: STATUS, schemaPackage: 'io.k8s.api.core.v1', strategy: serviceStrategy, printer: servicePrinter },
  { group: '', version: 'v1', kind: 'ConfigMap', hasGeneration: false, plural: 'configmaps', isNamespaced: true, shortNames: ['cm'], schemaPackage: 'io.k8s.api.core.v1', printer: configMapPrinter },
  { group: '', version: 'v1', kind: 'Secret', hasGeneration: false, plural: 'secrets', isNamespaced: true, fieldSelectors: ['type'], schemaPackage: 'io.k8s.api.core.v1', strategy: { applyDefaults: defaultSecret }, printer: secretPrinter },
  { group: '', version: 'v1', kind: 'ServiceAccount', hasGeneration: false, plural: 'serviceaccounts', isNamespaced: true, shortNames: ['sa'], subresources: { token: true }, schemaPackage: 'io.k8s.api.core.v1', printer: serviceAccountPrinter },
  { group: '', version: 'v1', kind: 'Event', hasGeneration: false, plural: 'events', isNamespaced: true, shortNames: ['ev'], fieldSelectors: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'], schemaPackage: 'io.k8s.api.core.v1', printer: eventPrinter },
  { group: '', version: 'v1', kind: 'Node', hasGeneration: false, plural: 'nodes', isNamespaced: false, shortNames: ['no'], subresources: STATUS, fieldSelectors: ['spec.unschedulable'], schemaPackage: 'io.k8s.api.core.v1', strategy: { applyDefaults: defaultNode }, printer: nodePrinter },
  { group: '', version: 'v1', kind: 'Endpoints', hasGeneration: false, plural: 'endpoints', isNamespaced: true, shortNames: ['ep'], schemaPackage: 'io.k8s.api.core.v1', strategy: { applyDefaults: defaultEndpoints }, printer: endpointsPrinter },
  { group: '', version: 'v1', kind: 'PersistentVolumeClaim', hasGeneration: false, plural: 'persistentvolumeclaims', isNamespaced: true, shortNames: ['pvc'], subresources: STATUS, schemaPackage: 'io.k8s.api.core.v1', strategy: persistentVolumeClaimStrategy, printer: persistentVolumeClaimPrinter },
  { group: '', version: 'v1', kind: 'ResourceQuota', hasGeneration: false, plural: 'resourcequotas', isNamespaced: true, shortNames: ['quota'], subresources: STATUS, schemaPackage: 'io.k8s.api.core.v1', strategy: initialStatus({}), printer: resourceQuotaPrinter },
  { group: '', version: 'v1', kind: 'LimitRange', hasGeneration: false, plural: 'limitranges', isNamespaced: true, shortNames: ['limits'], schemaPackage: 'io.k8s.api.core.v1', strategy: { applyDefaults: defaultLimitRange }, printer: createdAtPrinter },
  { group: '', version: 'v1', kind: 'ReplicationController', plural: 'replicationcontrollers', isNamespaced: true, shortNames: ['rc'], categories: ALL, subresources: STATUS_AND_SCALE, fieldSelectors: ['status.replicas'], schemaPackage: 'io.k8s.api.core.v1', strategy: replicationControllerStrategy, printer: replicationControllerPrinter },
  { group: '', version: 'v1', kind: 'PersistentVolume', hasGeneration: false, plural: 'persistentvolumes', isNamespaced: false, shortNames: ['pv'], subresources: STATUS, schemaPackage: 'io.k8s.api.core.v1', strategy: persistentVolumeStrategy, printer: persistentVolumePrinter },
  { group: '', version: 'v1', kind: 'PodTemplate', plural: 'podtemplates', isNamespaced: true, schemaPackage: 'io.k8s.api.core.v1', strategy: podTemplateStrategy, printer: podTemplatePrinter },
  { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', isNamespaced: true, shortNames: ['deploy'], categories: ALL, subresources: STATUS_AND_SCALE, schemaPackage: 'io.k8s.api.apps.v1', strategy: deploymentStrategy, printer: deploymentPrinter },
  { group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', isNamespaced: true, shortNames: ['rs'], categories: ALL, subresources: STATUS_AND_SCALE, fieldSelectors: ['status.replicas'], schemaPackage: 'io.k8s.api.apps.v1', strategy: replicaSetStrategy, printer: replicaSetPrinter },
  { group: 'apps', version: 'v1', kind: 'StatefulSet', plural: 'statefulsets', isNamespaced: true, shortNames: ['sts'], categories: ALL, subresources: STATUS_AND_SCALE, schemaPackage: 'io.k8s.api.apps.v1', strategy: statefulSetStrategy, printer: statefulSetPrinter },
  { group: 'apps', version: 'v1', kind: 'DaemonSet', plural: 'daemonsets', isNamespaced: true, shortNames: ['ds'], categories: ALL, subresources: STATUS, schemaPackage: 'io.k8s.api.apps.v1', strategy: daemonSetStrategy, printer: daemonSetPrinter },
  { group: 'batch', version: 'v1', kind: 'Job', plural: 'jobs', isNamespaced: true, categories: ALL, subresources: STATUS, fieldSelectors: ['status.successful'], schemaPackage: 'io.k8s.api.batch.v1', strategy: jobStrategy, printer: jobPrinter },
  { group: 'batch', version: 'v1', kind: 'CronJob', plural: 'cronjobs', isNamespaced: true, shortNames: ['cj'], categories: ALL, subresources: STATUS, schemaPackage: 'io.k8s.api.batch.v1', strategy: cronJobStrategy, printer: cronJobPrinter },
  { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', hasGeneration: false, plural: 'leases', isNamespaced: true, schemaPackage: 'io.k8s.api.coordination.v1', printer: leasePrinter },
  // events.k8s.io/v1 is the core events storage seen through another API (k8s: pkg/registry/core/event
  // serves both); only metadata.name and metadata.namespace select there (no field label conversion).
  { group: 'events.k8s.io', version: 'v1', kind: 'Event', hasGeneration: false, plural: 'events', isNamespaced: true, shortNames: ['ev'], storageResource: 'events', storageGroup: '', conversion: eventsV1Conversion, schemaPackage: 'io.k8s.api.events.v1', strategy: eventsV1Strategy, printer: eventsV1Printer },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role', hasGeneration: false, plural: 'roles', isNamespaced: true, schemaPackage: 'io.k8s.api.rbac.v1', strategy: roleStrategy, printer: createdAtPrinter },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', hasGeneration: false, plural: 'clusterroles', isNamespaced: false, schemaPackage: 'io.k8s.api.rbac.v1', strategy: clusterRoleStrategy, printer: createdAtPrinter },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding', hasGeneration: false, plural: 'rolebindings', isNamespaced: true, schemaPackage: 'io.k8s.api.rbac.v1', strategy: roleBindingStrategy, printer: roleBindingPrinter },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBinding', hasGeneration: false, plural: 'clusterrolebindings', isNamespaced: false, schemaPackage: 'io.k8s.api.rbac.v1', strategy: clusterRoleBindingStrategy, printer: clusterRoleBindingPrinter },
  { group: 'authorization.k8s.io', version: 'v1', kind: 'LocalSubjectAccessReview', plural: 'localsubjectaccessreviews', isNamespaced: true, verbs: CREATE_ONLY, schemaPackage: 'io.k8s.api.authorization.v1', strategy: localSubjectAccessReviewStrategy, printer: createdAtPrinter },
  { group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectAccessReview', plural: 'selfsubjectaccessreviews', isNamespaced: false, verbs: CREATE_ONLY, schemaPackage: 'io.k8s.api.authorization.v1', strategy: selfSubjectAccessReviewStrategy, printer: createdAtPrinter },
  { group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectRulesReview', plural: 'selfsubjectrulesreviews', isNamespaced: false, verbs: CREATE_ONLY, schemaPackage: 'io.k8s.api.authorization.v1', strategy: selfSubjectRulesReviewStrategy, printer: createdAtPrinter },
  { group: 'authorization.k8s.io', version: 'v1', kind: 'SubjectAccessReview', plural: 'subjectaccessreviews', isNamespaced: false, verbs: CREATE_ONLY, schemaPackage: 'io.k8s.api.authorization.v1', strategy: subjectAccessReviewStrategy, printer: createdAtPrinter },
  // PrepareForCreate of pkg/registry/policy/poddisruptionbudget/strategy.go: a zero status.
  { group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', isNamespaced: true, shortNames: ['pdb'], subresources: STATUS, schemaPackage: 'io.k8s.api.policy.v1', strategy: initialStatus({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }), printer: podDisruptionBudgetPrinter },
  { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', plural: 'ingresses', isNamespaced: true, shortNames: ['ing'], subresources: STATUS, schemaPackage: 'io.k8s.api.networking.v1', strategy: ingressStrategy, printer: ingressPrinter },
  { group: 'networking.k8s.io', version: 'v1', kind: 'IngressClass', plural: 'ingressclasses', isNamespaced: false, schemaPackage: 'io.k8s.api.networking.v1', strategy: ingressClassStrategy, printer: ingressClassPrinter },
  { group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy', plural: 'networkpolicies', isNamespaced: true, shortNames: ['netpol'], schemaPackage: 'io.k8s.api.networking.v1', strategy: { applyDefaults: defaultNetworkPolicy }, printer: networkPolicyPrinter },
  { group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass', hasGeneration: false, plural: 'priorityclasses', isNamespaced: false, shortNames: ['pc'], schemaPackage: 'io.k8s.api.scheduling.v1', strategy: priorityClassStrategy, printer: priorityClassPrinter },
  { group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass', hasGeneration: false, plural: 'storageclasses', isNamespaced: false, shortNames: ['sc'], schemaPackage: 'io.k8s.api.storage.v1', strategy: storageClassStrategy, printer: storageClassPrinter },
  // k8s: apiextensions-apiserver pkg/registry/customresourcedefinition/etcd.go (short names, category);
  // kube-apiserver stores CRDs as v1beta1, hence their storageVersionHash (api/discovery/apis__apiextensions.k8s.io__v1.json).
  { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', isNamespaced: false, shortNames: ['crd', 'crds'], categories: ['api-extensions'], subresources: STATUS, storageVersion: 'v1beta1', schemaPackage: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1', strategy: crdStrategy(() => toTimestamp(Date.now())), printer: createdAtPrinter },
  { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', plural: 'endpointslices', isNamespaced: true, schemaPackage: 'io.k8s.api.discovery.v1', strategy: endpointSliceStrategy, printer: endpointSlicePrinter },
  { group: 'authentication.k8s.io', version: 'v1', kind: 'SelfSubjectReview', plural: 'selfsubjectreviews', isNamespaced: false, verbs: ['create'], schemaPackage: 'io.k8s.api.authentication.v1', printer: createdAtPrinter, strategy: selfSubjectReviewStrategy },
]

const strategyOf = ({ strategy = GENERIC_STRATEGY, hasGeneration }: Pick<BuiltinEntry, 'strategy' | 'hasGeneration'>): Strategy =>
  hasGeneration === false ? Object.freeze({ ...strategy, hasGeneration }) : strategy

const toDefinition = ({ schemaPackage, ...e }: BuiltinEntry): ResourceDefinition =>
  Object.freeze({
    group: e.group,
    version: e.version,
    kind: e.kind,
    listKind: `${e.kind}List`,
    plural: e.plural,
    singular: e.kind.toLowerCase(),
    storageResource: e.storageResource ?? storageResourceOf(e),
    isNamespaced: e.isNamespaced,
    shortNames: e.shortNames ?? [],
    categories: e.categories ?? [],
    verbs: e.verbs ?? ALL_RESOURCE_VERBS,
    subresources: e.subresources ?? {},
    fieldSelectors: e.fieldSelectors ?? [],
    schemaName: `${schemaPackage}.${e.kind}`,
    acceptsStrategicMergePatch: true,
    isCustom: false,
    strategy: strategyOf(e),
    printer: e.printer,
    ...(e.storageVersion ? { storageVersion: e.storageVersion } : {}),
    ...(e.storageGroup !== undefined ? { storageGroup: e.storageGroup } : {}),
    ...(e.conversion ? { conversion: e.conversion } : {}),
  })

/** The built-in kinds watchplane serves, as data. */
export const BUILTIN_RESOURCES: readonly ResourceDefinition[] = entries.map(toDefinition)

/**
 * The list, map and patch extensions kube's OpenAPI carries and kubernetes-models drops: per schema
 * and field, `patchStrategy|patchMergeKey|listType|listMapKeys|mapType` (empty parts omitted from
 * the right). Read from the struct tags (`patchStrategy:"merge" patchMergeKey:"name"`) and the
 * `+listType` / `+listMapKey` / `+mapType` markers of k8s.io/api v0.33 (core/v1, apps/v1, batch/v1,
 * coordination/v1, autoscaling/v1 types.go), of k8s.io/api 1.32 (rbac/v1, policy/v1, networking/v1,
 * scheduling/v1, storage/v1, discovery/v1; discovery.v1.EndpointHints.forNodes is 1.33's, carried by
 * kubernetes-models) and k8s.io/apimachinery pkg/apis/meta/v1/types.go, for the types the served
 * kinds reach. kube's OpenAPI generator turns exactly these into `x-kubernetes-patch-strategy`,
 * `x-kubernetes-patch-merge-key`, `x-kubernetes-list-type`, `x-kubernetes-list-map-keys` and
 * `x-kubernetes-map-type`.
 */
const TABLE: Record<string, Record<string, string>> = {
  // apiextensions-apiserver pkg/apis/apiextensions/v1 types.go and types_jsonschema.go
  'apiextensions.v1.CustomResourceDefinitionNames': { shortNames: '||atomic', categories: '||atomic' },
  'apiextensions.v1.CustomResourceDefinitionSpec': { versions: '||atomic' },
  'apiextensions.v1.CustomResourceDefinitionStatus': { conditions: '||map|type', storedVersions: '||atomic' },
  'apiextensions.v1.CustomResourceDefinitionVersion': { additionalPrinterColumns: '||atomic', selectableFields: '||atomic' },
  'apiextensions.v1.JSONSchemaProps': { 'x-kubernetes-list-map-keys': '||atomic', 'x-kubernetes-validations': 'merge|rule|map|rule' },
  'apiextensions.v1.WebhookConversion': { conversionReviewVersions: '||atomic' },
  'apps.v1.DaemonSetStatus': { conditions: 'merge|type|map|type' },
  'apps.v1.DeploymentSpec': { strategy: 'retainKeys' },
  'apps.v1.DeploymentStatus': { conditions: 'merge|type|map|type' },
  'apps.v1.ReplicaSetStatus': { conditions: 'merge|type|map|type' },
  'apps.v1.StatefulSetSpec': { volumeClaimTemplates: '||atomic' },
  'apps.v1.StatefulSetStatus': { conditions: 'merge|type|map|type' },
  'batch.v1.CronJobStatus': { active: '||atomic' },
  'batch.v1.JobStatus': { conditions: 'merge|type|atomic' },
  'batch.v1.PodFailurePolicy': { rules: '||atomic' },
  'batch.v1.PodFailurePolicyOnExitCodesRequirement': { values: '||set' },
  'batch.v1.PodFailurePolicyRule': { onPodConditions: '||atomic' },
  'batch.v1.SuccessPolicy': { rules: '||atomic' },
  'batch.v1.UncountedTerminatedPods': { succeeded: '||set', failed: '||set' },
  'core.v1.Capabilities': { add: '||atomic', drop: '||atomic' },
  'core.v1.CephFSPersistentVolumeSource': { monitors: '||atomic' },
  'core.v1.CephFSVolumeSource': { monitors: '||atomic' },
  'core.v1.ConfigMapProjection': { items: '||atomic' },
  'core.v1.ConfigMapVolumeSource': { items: '||atomic' },
  'core.v1.Container': {
    command: '||atomic',
    args: '||atomic',
    ports: 'merge|containerPort|map|containerPort,protocol',
    envFrom: '||atomic',
    env: 'merge|name|map|name',
    resizePolicy: '||atomic',
    volumeMounts: 'merge|mountPath|map|mountPath',
    volumeDevices: 'merge|devicePath|map|devicePath',
  },
  'core.v1.ContainerImage': { names: '||atomic' },
  'core.v1.ContainerStatus': {
    volumeMounts: 'merge|mountPath|map|mountPath',
    allocatedResourcesStatus: 'merge|name|map|name',
  },
  'core.v1.DownwardAPIProjection': { items: '||atomic' },
  'core.v1.DownwardAPIVolumeSource': { items: '||atomic' },
  'core.v1.EndpointSubset': { addresses: '||atomic', notReadyAddresses: '||atomic', ports: '||atomic' },
  'core.v1.Endpoints': { subsets: '||atomic' },
  'core.v1.ExecAction': { command: '||atomic' },
  'core.v1.FCVolumeSource': { targetWWNs: '||atomic', wwids: '||atomic' },
  'core.v1.HTTPGetAction': { httpHeaders: '||atomic' },
  'core.v1.HostAlias': { hostnames: '||atomic' },
  'core.v1.ISCSIPersistentVolumeSource': { portals: '||atomic' },
  'core.v1.ISCSIVolumeSource': { portals: '||atomic' },
  'core.v1.LimitRangeSpec': { limits: '||atomic' },
  'core.v1.LinuxContainerUser': { supplementalGroups: '||atomic' },
  'core.v1.LoadBalancerIngress': { ports: '||atomic' },
  'core.v1.LoadBalancerStatus': { ingress: '||atomic' },
  'core.v1.NamespaceSpec': { finalizers: '||atomic' },
  'core.v1.NamespaceStatus': { conditions: 'merge|type|map|type' },
  'core.v1.NodeAffinity': { preferredDuringSchedulingIgnoredDuringExecution: '||atomic' },
  'core.v1.NodeSelector': { nodeSelectorTerms: '||atomic' },
  'core.v1.NodeSelectorRequirement': { values: '||atomic' },
  'core.v1.NodeSelectorTerm': { matchExpressions: '||atomic', matchFields: '||atomic' },
  'core.v1.NodeSpec': { podCIDRs: 'merge||set', taints: '||atomic' },
  'core.v1.NodeStatus': {
    conditions: 'merge|type|map|type',
    addresses: 'merge|type|map|type',
    images: '||atomic',
    volumesInUse: '||atomic',
    volumesAttached: '||atomic',
    runtimeHandlers: '||atomic',
  },
  'core.v1.PersistentVolumeClaimSpec': { accessModes: '||atomic' },
  'core.v1.PersistentVolumeClaimStatus': {
    accessModes: '||atomic',
    conditions: 'merge|type|map|type',
    allocatedResourceStatuses: '||||granular',
  },
  'core.v1.PersistentVolumeSpec': { accessModes: '||atomic', mountOptions: '||atomic' },
  'core.v1.PodAffinity': {
    requiredDuringSchedulingIgnoredDuringExecution: '||atomic',
    preferredDuringSchedulingIgnoredDuringExecution: '||atomic',
  },
  'core.v1.PodAffinityTerm': { namespaces: '||atomic', matchLabelKeys: '||atomic', mismatchLabelKeys: '||atomic' },
  'core.v1.PodAntiAffinity': {
    requiredDuringSchedulingIgnoredDuringExecution: '||atomic',
    preferredDuringSchedulingIgnoredDuringExecution: '||atomic',
  },
  'core.v1.PodDNSConfig': { nameservers: '||atomic', searches: '||atomic', options: '||atomic' },
  'core.v1.PodSecurityContext': { supplementalGroups: '||atomic', sysctls: '||atomic' },
  'core.v1.PodSpec': {
    volumes: 'merge,retainKeys|name|map|name',
    initContainers: 'merge|name|map|name',
    containers: 'merge|name|map|name',
    ephemeralContainers: 'merge|name|map|name',
    imagePullSecrets: 'merge|name|map|name',
    tolerations: '||atomic',
    hostAliases: 'merge|ip|map|ip',
    readinessGates: '||atomic',
    topologySpreadConstraints: 'merge|topologyKey|map|topologyKey,whenUnsatisfiable',
    schedulingGates: 'merge|name|map|name',
    resourceClaims: 'merge,retainKeys|name|map|name',
    nodeSelector: '||||atomic',
  },
  'core.v1.PodStatus': {
    conditions: 'merge|type|map|type',
    hostIPs: 'merge|ip|atomic',
    podIPs: 'merge|ip|map|ip',
    initContainerStatuses: '||atomic',
    containerStatuses: '||atomic',
    ephemeralContainerStatuses: '||atomic',
    resourceClaimStatuses: 'merge,retainKeys|name|map|name',
  },
  'core.v1.ProjectedVolumeSource': { sources: '||atomic' },
  'core.v1.RBDPersistentVolumeSource': { monitors: '||atomic' },
  'core.v1.RBDVolumeSource': { monitors: '||atomic' },
  'core.v1.ReplicationControllerStatus': { conditions: 'merge|type|map|type' },
  'core.v1.ResourceQuotaSpec': { scopes: '||atomic' },
  'core.v1.ResourceRequirements': { claims: '||map|name' },
  'core.v1.ResourceStatus': { resources: '||map|resourceID' },
  'core.v1.ScopeSelector': { matchExpressions: '||atomic' },
  'core.v1.ScopedResourceSelectorRequirement': { values: '||atomic' },
  'core.v1.SecretProjection': { items: '||atomic' },
  'core.v1.SecretVolumeSource': { items: '||atomic' },
  'core.v1.ServiceAccount': { secrets: 'merge|name|map|name', imagePullSecrets: '||atomic' },
  'core.v1.ServiceSpec': {
    ports: 'merge|port|map|port,protocol',
    clusterIPs: '||atomic',
    externalIPs: '||atomic',
    loadBalancerSourceRanges: '||atomic',
    ipFamilies: '||atomic',
    selector: '||||atomic',
  },
  'core.v1.ServiceStatus': { conditions: 'merge|type|map|type' },
  'core.v1.TopologySelectorLabelRequirement': { values: '||atomic' },
  'core.v1.TopologySelectorTerm': { matchLabelExpressions: '||atomic' },
  'core.v1.TopologySpreadConstraint': { matchLabelKeys: '||atomic' },
  'discovery.v1.Endpoint': { addresses: '||set' },
  'discovery.v1.EndpointHints': { forZones: '||atomic', forNodes: '||atomic' },
  'discovery.v1.EndpointSlice': { endpoints: '||atomic', ports: '||atomic' },
  'meta.v1.DeleteOptions': { dryRun: '||atomic' },
  'meta.v1.LabelSelector': { matchExpressions: '||atomic' },
  'meta.v1.LabelSelectorRequirement': { values: '||atomic' },
  'meta.v1.ObjectMeta': { ownerReferences: 'merge|uid|map|uid', finalizers: 'merge||set', managedFields: '||atomic' },
  'meta.v1.Status': { details: '||atomic' },
  'meta.v1.StatusDetails': { causes: '||atomic' },
  'networking.v1.HTTPIngressRuleValue': { paths: '||atomic' },
  'networking.v1.IPBlock': { except: '||atomic' },
  'networking.v1.IngressLoadBalancerIngress': { ports: '||atomic' },
  'networking.v1.IngressLoadBalancerStatus': { ingress: '||atomic' },
  'networking.v1.IngressSpec': { tls: '||atomic', rules: '||atomic' },
  'networking.v1.IngressTLS': { hosts: '||atomic' },
  'networking.v1.NetworkPolicyEgressRule': { ports: '||atomic', to: '||atomic' },
  'networking.v1.NetworkPolicyIngressRule': { ports: '||atomic', from: '||atomic' },
  'networking.v1.NetworkPolicySpec': { ingress: '||atomic', egress: '||atomic', policyTypes: '||atomic' },
  'policy.v1.PodDisruptionBudgetSpec': { selector: 'replace' },
  'policy.v1.PodDisruptionBudgetStatus': { conditions: 'merge|type|map|type' },
  'rbac.v1.AggregationRule': { clusterRoleSelectors: '||atomic' },
  'rbac.v1.ClusterRole': { rules: '||atomic' },
  'rbac.v1.ClusterRoleBinding': { subjects: '||atomic' },
  'rbac.v1.PolicyRule': { verbs: '||atomic', apiGroups: '||atomic', resources: '||atomic', resourceNames: '||atomic', nonResourceURLs: '||atomic' },
  'rbac.v1.Role': { rules: '||atomic' },
  'rbac.v1.RoleBinding': { subjects: '||atomic' },
  'storage.v1.StorageClass': { mountOptions: '||atomic', allowedTopologies: '||atomic' },
}

/**
 * Structs marked `+structType=atomic`, which kube's OpenAPI marks `x-kubernetes-map-type: atomic`:
 * server-side apply owns and replaces them whole (an env var's secretKeyRef, a selector). From the
 * same types.go files, plus rbac/v1, networking/v1 and discovery/v1 for kinds served next.
 */
const ATOMIC_STRUCTS = [
  'core.v1.SecretReference', 'core.v1.FileKeySelector', 'core.v1.ObjectFieldSelector', 'core.v1.ResourceFieldSelector',
  'core.v1.ConfigMapKeySelector', 'core.v1.SecretKeySelector', 'core.v1.NodeSelector', 'core.v1.NodeSelectorTerm',
  'core.v1.TopologySelectorTerm', 'core.v1.EvictionResponder', 'core.v1.EndpointAddress', 'core.v1.EndpointPort',
  'core.v1.ObjectReference', 'core.v1.LocalObjectReference', 'core.v1.TypedLocalObjectReference', 'core.v1.ScopeSelector',
  'autoscaling.v1.CrossVersionObjectReference', 'rbac.v1.Subject', 'rbac.v1.RoleRef', 'networking.v1.ServiceBackendPort',
  'discovery.v1.EndpointPort', 'meta.v1.OwnerReference', 'meta.v1.LabelSelector',
]

/**
 * `+default` on list-map key fields, which kube's OpenAPI publishes as `default`: an item that leaves
 * the key out is keyed by the default (k8s: structured-merge-diff typed/helpers.go
 * getAssociativeKeyDefault), so `{containerPort: 80}` is `k:{"containerPort":80,"protocol":"TCP"}`.
 */
const KEY_DEFAULTS: Record<string, Record<string, unknown>> = {
  'core.v1.ContainerPort': { protocol: 'TCP' },
  'core.v1.ServicePort': { protocol: 'TCP' },
}

const PREFIXES: Record<string, string> = {
  'meta.v1.': 'io.k8s.apimachinery.pkg.apis.meta.v1.',
  'apiextensions.v1.': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.',
}
const fullName = (short: string) => {
  const prefix = Object.keys(PREFIXES).find((p) => short.startsWith(p))
  return prefix ? PREFIXES[prefix] + short.slice(prefix.length) : `io.k8s.api.${short}`
}

export type ListExtensions = Readonly<Record<string, unknown>>

const BY_SCHEMA = new Map<string, Record<string, ListExtensions>>()
for (const [short, fields] of Object.entries(TABLE)) {
  BY_SCHEMA.set(fullName(short), Object.fromEntries(Object.entries(fields).map(([field, code]) => [field, decode(code)])))
}
for (const [short, defaults] of Object.entries(KEY_DEFAULTS)) {
  const fields = BY_SCHEMA.get(fullName(short)) ?? {}
  for (const [field, value] of Object.entries(defaults)) fields[field] = { ...fields[field], default: value }
  BY_SCHEMA.set(fullName(short), fields)
}
const ATOMIC = new Set(ATOMIC_STRUCTS.map(fullName))
const ATOMIC_STRUCT_EXTENSIONS: ListExtensions = Object.freeze({ 'x-kubernetes-map-type': 'atomic' })

/** The extensions (and key defaults) of each field of one schema, keyed by field name; undefined when none. */
export function listExtensionsOf(schemaName: string): Readonly<Record<string, ListExtensions>> | undefined {
  return BY_SCHEMA.get(schemaName)
}

/** The extensions of a schema itself: `x-kubernetes-map-type: atomic` for an atomic struct. */
export function structExtensionsOf(schemaName: string): ListExtensions | undefined {
  return ATOMIC.has(schemaName) ? ATOMIC_STRUCT_EXTENSIONS : undefined
}

function decode(code: string): ListExtensions {
  const [strategy, mergeKey, listType, mapKeys, mapType] = code.split('|')
  return {
    ...(strategy ? { 'x-kubernetes-patch-strategy': strategy } : {}),
    ...(mergeKey ? { 'x-kubernetes-patch-merge-key': mergeKey } : {}),
    ...(listType ? { 'x-kubernetes-list-type': listType } : {}),
    ...(mapKeys ? { 'x-kubernetes-list-map-keys': mapKeys.split(',') } : {}),
    ...(mapType ? { 'x-kubernetes-map-type': mapType } : {}),
  }
}

import type { EmptyValueField } from '../type-description/type-description.js'

/**
 * The fields an empty Go value of a built-in type still writes: struct-typed fields (encoding/json
 * never omits a struct, `omitempty` or not; `{}` marks them here) and fields without `omitempty`
 * (null or a zero). kube compares typed objects (k8s: structured-merge-diff value/reflectcache.go
 * CanOmit), so when it tracks a create against an empty object, `spec` and
 * `spec.template.spec.containers` already exist and get no `".": {}` of their own, while
 * `metadata.labels` and `data` do. Only the fields reachable from a kind's root through such fields
 * matter; read from the json tags of k8s.io/api v0.33 (core/v1, apps/v1, batch/v1,
 * coordination/v1, autoscaling/v1, and rbac/v1, policy/v1, networking/v1, scheduling/v1 for kinds
 * served next) and k8s.io/apimachinery pkg/apis/meta/v1/types.go.
 */
const TABLE: Record<string, string> = {
  'core.v1.ConfigMap': 'metadata{}',
  'core.v1.Endpoints': 'metadata{}',
  'core.v1.Event': 'metadata{},involvedObject{},source{},firstTimestamp,lastTimestamp,eventTime,reportingComponent,reportingInstance',
  'core.v1.Namespace': 'metadata{},spec{},status{}',
  'core.v1.Node': 'metadata{},spec{},status{}',
  'core.v1.NodeStatus': 'daemonEndpoints{},nodeInfo{}',
  'core.v1.NodeDaemonEndpoints': 'kubeletEndpoint{}',
  'core.v1.DaemonEndpoint': 'Port',
  'core.v1.NodeSystemInfo':
    'machineID,systemUUID,bootID,kernelVersion,osImage,containerRuntimeVersion,kubeletVersion,kubeProxyVersion,operatingSystem,architecture',
  'core.v1.PersistentVolumeClaim': 'metadata{},spec{},status{}',
  'core.v1.PersistentVolumeClaimSpec': 'resources{}',
  'core.v1.Pod': 'metadata{},spec{},status{}',
  'core.v1.PodSpec': 'containers',
  'core.v1.PodTemplateSpec': 'metadata{},spec{}',
  'core.v1.Secret': 'metadata{}',
  'core.v1.Service': 'metadata{},spec{},status{}',
  'core.v1.ServiceStatus': 'loadBalancer{}',
  'core.v1.ServiceAccount': 'metadata{}',
  'apps.v1.DaemonSet': 'metadata{},spec{},status{}',
  'apps.v1.DaemonSetSpec': 'selector,template{},updateStrategy{}',
  'apps.v1.DaemonSetStatus': 'currentNumberScheduled,numberMisscheduled,desiredNumberScheduled,numberReady',
  'apps.v1.Deployment': 'metadata{},spec{},status{}',
  'apps.v1.DeploymentSpec': 'selector,template{},strategy{}',
  'apps.v1.ReplicaSet': 'metadata{},spec{},status{}',
  'apps.v1.ReplicaSetSpec': 'selector,template{}',
  'apps.v1.ReplicaSetStatus': 'replicas',
  'apps.v1.StatefulSet': 'metadata{},spec{},status{}',
  'apps.v1.StatefulSetSpec': 'selector,template{},serviceName,updateStrategy{}',
  'apps.v1.StatefulSetStatus': 'replicas,availableReplicas',
  'batch.v1.CronJob': 'metadata{},spec{},status{}',
  'batch.v1.CronJobSpec': 'schedule,jobTemplate{}',
  'batch.v1.JobTemplateSpec': 'metadata{},spec{}',
  'batch.v1.Job': 'metadata{},spec{},status{}',
  'batch.v1.JobSpec': 'template{}',
  'coordination.v1.Lease': 'metadata{},spec{}',
  'autoscaling.v1.Scale': 'metadata{},spec{},status{}',
  'autoscaling.v1.ScaleStatus': 'replicas',
  'rbac.v1.Role': 'metadata{},rules',
  'rbac.v1.ClusterRole': 'metadata{},rules',
  'rbac.v1.RoleBinding': 'metadata{},roleRef{}',
  'rbac.v1.ClusterRoleBinding': 'metadata{},roleRef{}',
  'rbac.v1.RoleRef': 'apiGroup,kind,name',
  'policy.v1.PodDisruptionBudget': 'metadata{},spec{},status{}',
  'policy.v1.PodDisruptionBudgetStatus': 'disruptionsAllowed,currentHealthy,desiredHealthy,expectedPods',
  'networking.v1.NetworkPolicy': 'metadata{},spec{}',
  'networking.v1.NetworkPolicySpec': 'podSelector{}',
  'networking.v1.Ingress': 'metadata{},spec{},status{}',
  'networking.v1.IngressStatus': 'loadBalancer{}',
  'networking.v1.IngressClass': 'metadata{},spec{}',
  'scheduling.v1.PriorityClass': 'metadata{},value',
  'meta.v1.ObjectMeta': 'creationTimestamp',
}

const fullName = (short: string) =>
  short.startsWith('meta.v1.') ? `io.k8s.apimachinery.pkg.apis.${short}` : `io.k8s.api.${short}`

const BY_SCHEMA = new Map<string, readonly EmptyValueField[]>(
  Object.entries(TABLE).map(([short, code]) => [
    fullName(short),
    Object.freeze(code.split(',').map((part) => Object.freeze({ name: part.replace('{}', ''), isStruct: part.endsWith('{}') }))),
  ]),
)

/** The empty-value fields of a built-in schema, e.g. `io.k8s.api.apps.v1.DeploymentSpec`; undefined if none. */
export function goEmptyFieldsOf(schemaName: string): readonly EmptyValueField[] | undefined {
  return BY_SCHEMA.get(schemaName)
}

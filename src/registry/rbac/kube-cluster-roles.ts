import { rule, type PolicyRule } from '../../auth/rbac/policy-rule.js'

// The ClusterRoles kube-apiserver 1.32 creates at start that matter to kubectl users, as data:
// facts read from plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go (clusterRoles) and
// its rendering in testdata/cluster-roles.yaml (lists sorted, as RuleOrDie sorts them).
//
// Left out, because nothing they are for exists here (no kubelet, kube-proxy, scheduler,
// controller manager, CSI, CSR signer or metrics server): system:node, system:node-proxier,
// system:node-bootstrapper, system:node-problem-detector, system:kubelet-api-admin,
// system:kube-controller-manager, system:kube-scheduler, system:kube-dns, system:volume-scheduler,
// system:persistent-volume-provisioner, system:heapster, system:kube-aggregator,
// system:certificates.k8s.io:*, the system:controller:* roles (controller_policy.go) and the
// kube-system Roles (namespace_policy.go).

/** A ClusterRole as bootstrap data. */
export interface BootstrapClusterRole {
  name: string
  labels?: Record<string, string>
  /** matchLabels of each clusterRoleSelector: the role's rules are aggregated from the roles they select */
  aggregateFrom?: Record<string, string>[]
  rules: PolicyRule[]
}

export const AGGREGATE_TO_ADMIN = 'rbac.authorization.k8s.io/aggregate-to-admin'
export const AGGREGATE_TO_EDIT = 'rbac.authorization.k8s.io/aggregate-to-edit'
export const AGGREGATE_TO_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view'

const READ = ['get', 'list', 'watch']
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update']
const READ_WRITE = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']
const res = (verbs: string[], group: string, resources: string[]) => rule(verbs, { apiGroups: [group], resources })
const urls = (nonResourceURLs: string[]) => rule(['get'], { nonResourceURLs })

const aggregateToView: PolicyRule[] = [
  res(READ, '', ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status']),
  res(READ, '', ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status']),
  // Read access to namespaces at the namespace scope means reading *this* namespace.
  res(READ, '', ['namespaces']),
  res(READ, 'discovery.k8s.io', ['endpointslices']),
  res(READ, 'apps', ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status']),
  res(READ, 'autoscaling', ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
  res(READ, 'batch', ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']),
  res(READ, 'extensions', ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale']),
  res(READ, 'policy', ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
  res(READ, 'networking.k8s.io', ['ingresses', 'ingresses/status', 'networkpolicies']),
]

const aggregateToEdit: PolicyRule[] = [
  // Read access to escalating resources: secrets, and the pod and service connections.
  res(READ, '', ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy']),
  res(['impersonate'], '', ['serviceaccounts']),
  res(WRITE, '', ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy']),
  res(['create'], '', ['pods/eviction']),
  res(WRITE, '', ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy']),
  res(['create'], '', ['serviceaccounts/token']),
  res(WRITE, 'apps', ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale']),
  res(WRITE, 'autoscaling', ['horizontalpodautoscalers']),
  res(WRITE, 'batch', ['cronjobs', 'jobs']),
  res(WRITE, 'extensions', ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale']),
  res(WRITE, 'policy', ['poddisruptionbudgets']),
  res(WRITE, 'networking.k8s.io', ['ingresses', 'networkpolicies']),
  res(READ_WRITE, 'coordination.k8s.io', ['leases']),
]

const aggregateToAdmin: PolicyRule[] = [
  res(['create'], 'authorization.k8s.io', ['localsubjectaccessreviews']),
  res(READ_WRITE, 'rbac.authorization.k8s.io', ['rolebindings', 'roles']),
]

export const KUBE_CLUSTER_ROLES: readonly BootstrapClusterRole[] = [
  { name: 'cluster-admin', rules: [rule(['*'], { apiGroups: ['*'], resources: ['*'] }), rule(['*'], { nonResourceURLs: ['*'] })] },
  { name: 'system:discovery', rules: [urls(['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'])] },
  { name: 'system:public-info-viewer', rules: [urls(['/healthz', '/livez', '/readyz', '/version', '/version/'])] },
  { name: 'system:monitoring', rules: [urls(['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/metrics/slis', '/readyz', '/readyz/*'])] },
  {
    name: 'system:basic-user',
    rules: [res(['create'], 'authorization.k8s.io', ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']), res(['create'], 'authentication.k8s.io', ['selfsubjectreviews'])],
  },
  { name: 'system:auth-delegator', rules: [res(['create'], 'authentication.k8s.io', ['tokenreviews']), res(['create'], 'authorization.k8s.io', ['subjectaccessreviews'])] },
  { name: 'system:service-account-issuer-discovery', rules: [urls(['/.well-known/openid-configuration', '/openid/v1/jwks'])] },
  { name: 'admin', aggregateFrom: [{ [AGGREGATE_TO_ADMIN]: 'true' }], rules: [] },
  { name: 'edit', labels: { [AGGREGATE_TO_ADMIN]: 'true' }, aggregateFrom: [{ [AGGREGATE_TO_EDIT]: 'true' }], rules: [] },
  { name: 'view', labels: { [AGGREGATE_TO_EDIT]: 'true' }, aggregateFrom: [{ [AGGREGATE_TO_VIEW]: 'true' }], rules: [] },
  { name: 'system:aggregate-to-admin', labels: { [AGGREGATE_TO_ADMIN]: 'true' }, rules: aggregateToAdmin },
  { name: 'system:aggregate-to-edit', labels: { [AGGREGATE_TO_EDIT]: 'true' }, rules: aggregateToEdit },
  { name: 'system:aggregate-to-view', labels: { [AGGREGATE_TO_VIEW]: 'true' }, rules: aggregateToView },
]

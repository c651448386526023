// What kube-apiserver 1.32 serves in discovery for each kind watchplane serves, written from
// kubernetes/kubernetes api/discovery/*.json (api__v1.json, apis__<group>__<version>.json and
// aggregated_v2.json). Those files are regenerated as kube changes; where the stored copy read
// for this table disagrees with 1.32 the entry says why.

export interface KubeSubresource {
  verbs: readonly string[]
  /** the kind it answers with when not the resource's own (Scale) */
  responseKind?: { group: string; version: string; kind: string }
  /** why watchplane does not serve it; absent when it does */
  notServed?: string
}

export interface KubeResource {
  name: string
  singularName: string
  namespaced: boolean
  kind: string
  verbs: readonly string[]
  shortNames?: readonly string[]
  categories?: readonly string[]
  /** absent for kinds that store nothing (the access reviews) */
  storageVersionHash?: string
  subresources?: Readonly<Record<string, KubeSubresource>>
}

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const
const SUB = ['get', 'patch', 'update'] as const
const STATUS: KubeSubresource = { verbs: SUB }
const SCALE: KubeSubresource = { verbs: SUB, responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' } }
const NO_KUBELET = 'there is no kubelet to connect to'

// Several stored apis__*.json files (apps/v1, coordination.k8s.io/v1, networking.k8s.io/v1,
// policy/v1, storage.k8s.io/v1) list no `watch` verb. kube-apiserver 1.32 serves watch on every
// one of these kinds (the stored aggregated_v2.json lists it for the same groups, and
// `kubectl get -w` watches them): the entries below have it.
export const KUBE_DISCOVERY: Readonly<Record<string, readonly KubeResource[]>> = {
  v1: [
    { name: 'configmaps', singularName: 'configmap', namespaced: true, kind: 'ConfigMap', verbs: ALL, shortNames: ['cm'], storageVersionHash: 'qFsyl6wFWjQ=' },
    { name: 'endpoints', singularName: 'endpoints', namespaced: true, kind: 'Endpoints', verbs: ALL, shortNames: ['ep'], storageVersionHash: 'fWeeMqaN/OA=' },
    { name: 'events', singularName: 'event', namespaced: true, kind: 'Event', verbs: ALL, shortNames: ['ev'], storageVersionHash: 'r2yiGXH7wu8=' },
    { name: 'limitranges', singularName: 'limitrange', namespaced: true, kind: 'LimitRange', verbs: ALL, shortNames: ['limits'], storageVersionHash: 'EBKMFVe6cwo=' },
    {
      name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', shortNames: ['ns'], storageVersionHash: 'Q3oi5N2YM8M=',
      // No deletecollection on namespaces.
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      subresources: { status: STATUS, finalize: { verbs: ['update'], notServed: 'the namespace finalizer runs inside the server' } },
    },
    {
      name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: ALL, shortNames: ['no'], storageVersionHash: 'XwShjMxG9Fs=',
      subresources: { status: STATUS, proxy: { verbs: ['create', 'delete', 'get', 'patch', 'update'], notServed: NO_KUBELET } },
    },
    { name: 'persistentvolumeclaims', singularName: 'persistentvolumeclaim', namespaced: true, kind: 'PersistentVolumeClaim', verbs: ALL, shortNames: ['pvc'], storageVersionHash: 'QWTyNDq0dC4=', subresources: { status: STATUS } },
    { name: 'persistentvolumes', singularName: 'persistentvolume', namespaced: false, kind: 'PersistentVolume', verbs: ALL, shortNames: ['pv'], storageVersionHash: 'HN/zwEC+JgM=', subresources: { status: STATUS } },
    {
      name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ALL, shortNames: ['po'], categories: ['all'], storageVersionHash: 'xPOwRZ+Yhw8=',
      // The stored api__v1.json also lists pods/checkpoint, which came after 1.32; pods/resize is
      // behind an alpha gate in 1.32 and not served by default.
      subresources: {
        status: STATUS,
        attach: { verbs: ['create', 'get'], notServed: NO_KUBELET },
        binding: { verbs: ['create'], notServed: 'there is no scheduler; set spec.nodeName instead' },
        ephemeralcontainers: { verbs: SUB, notServed: 'ephemeral containers need a kubelet' },
        eviction: { verbs: ['create'], responseKind: { group: 'policy', version: 'v1', kind: 'Eviction' }, notServed: 'evictions need disruption budgets enforced' },
        exec: { verbs: ['create', 'get'], notServed: NO_KUBELET },
        log: { verbs: ['get'], notServed: NO_KUBELET },
        portforward: { verbs: ['create', 'get'], notServed: NO_KUBELET },
        proxy: { verbs: ['create', 'delete', 'get', 'patch', 'update'], notServed: NO_KUBELET },
      },
    },
    { name: 'podtemplates', singularName: 'podtemplate', namespaced: true, kind: 'PodTemplate', verbs: ALL, storageVersionHash: 'LIXB2x4IFpk=' },
    {
      name: 'replicationcontrollers', singularName: 'replicationcontroller', namespaced: true, kind: 'ReplicationController', verbs: ALL, shortNames: ['rc'], categories: ['all'], storageVersionHash: 'Jond2If31h0=',
      subresources: { status: STATUS, scale: SCALE },
    },
    { name: 'resourcequotas', singularName: 'resourcequota', namespaced: true, kind: 'ResourceQuota', verbs: ALL, shortNames: ['quota'], storageVersionHash: '8uhSgffRX6w=', subresources: { status: STATUS } },
    { name: 'secrets', singularName: 'secret', namespaced: true, kind: 'Secret', verbs: ALL, storageVersionHash: 'S6u1pOWzb84=' },
    {
      name: 'serviceaccounts', singularName: 'serviceaccount', namespaced: true, kind: 'ServiceAccount', verbs: ALL, shortNames: ['sa'], storageVersionHash: 'pbx9ZvyFpBE=',
      subresources: { token: { verbs: ['create'], responseKind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' } } },
    },
    {
      name: 'services', singularName: 'service', namespaced: true, kind: 'Service', verbs: ALL, shortNames: ['svc'], categories: ['all'], storageVersionHash: '0/CO1lhkEBI=',
      subresources: { status: STATUS, proxy: { verbs: ['create', 'delete', 'get', 'patch', 'update'], notServed: 'there are no endpoints to proxy to' } },
    },
  ],
  'apps/v1': [
    { name: 'daemonsets', singularName: 'daemonset', namespaced: true, kind: 'DaemonSet', verbs: ALL, shortNames: ['ds'], categories: ['all'], storageVersionHash: 'dd7pWHUlMKQ=', subresources: { status: STATUS } },
    { name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: ALL, shortNames: ['deploy'], categories: ['all'], storageVersionHash: '8aSe+NMegvE=', subresources: { status: STATUS, scale: SCALE } },
    { name: 'replicasets', singularName: 'replicaset', namespaced: true, kind: 'ReplicaSet', verbs: ALL, shortNames: ['rs'], categories: ['all'], storageVersionHash: 'P1RzHs8/mWQ=', subresources: { status: STATUS, scale: SCALE } },
    { name: 'statefulsets', singularName: 'statefulset', namespaced: true, kind: 'StatefulSet', verbs: ALL, shortNames: ['sts'], categories: ['all'], storageVersionHash: 'H+vl74LkKdo=', subresources: { status: STATUS, scale: SCALE } },
  ],
  'batch/v1': [
    { name: 'cronjobs', singularName: 'cronjob', namespaced: true, kind: 'CronJob', verbs: ALL, shortNames: ['cj'], categories: ['all'], storageVersionHash: 'sd5LIXh4Fjs=', subresources: { status: STATUS } },
    { name: 'jobs', singularName: 'job', namespaced: true, kind: 'Job', verbs: ALL, categories: ['all'], storageVersionHash: 'mudhfqk/qZY=', subresources: { status: STATUS } },
  ],
  'coordination.k8s.io/v1': [
    { name: 'leases', singularName: 'lease', namespaced: true, kind: 'Lease', verbs: ALL, storageVersionHash: 'gqkMMb/YqFM=' },
  ],
  // The core events storage seen through events.k8s.io: its storage version is core v1 Event's.
  'events.k8s.io/v1': [
    { name: 'events', singularName: 'event', namespaced: true, kind: 'Event', verbs: ALL, shortNames: ['ev'], storageVersionHash: 'r2yiGXH7wu8=' },
  ],
  'rbac.authorization.k8s.io/v1': [
    { name: 'clusterrolebindings', singularName: 'clusterrolebinding', namespaced: false, kind: 'ClusterRoleBinding', verbs: ALL, storageVersionHash: '48tpQ8gZHFc=' },
    { name: 'clusterroles', singularName: 'clusterrole', namespaced: false, kind: 'ClusterRole', verbs: ALL, storageVersionHash: 'bYE5ZWDrJ44=' },
    { name: 'rolebindings', singularName: 'rolebinding', namespaced: true, kind: 'RoleBinding', verbs: ALL, storageVersionHash: 'eGsCzGH6b1g=' },
    { name: 'roles', singularName: 'role', namespaced: true, kind: 'Role', verbs: ALL, storageVersionHash: '7FuwZcIIItM=' },
  ],
  // Create-only kinds that store nothing: no storageVersionHash (apis__authorization.k8s.io__v1.json).
  'authorization.k8s.io/v1': [
    { name: 'localsubjectaccessreviews', singularName: 'localsubjectaccessreview', namespaced: true, kind: 'LocalSubjectAccessReview', verbs: ['create'] },
    { name: 'selfsubjectaccessreviews', singularName: 'selfsubjectaccessreview', namespaced: false, kind: 'SelfSubjectAccessReview', verbs: ['create'] },
    { name: 'selfsubjectrulesreviews', singularName: 'selfsubjectrulesreview', namespaced: false, kind: 'SelfSubjectRulesReview', verbs: ['create'] },
    { name: 'subjectaccessreviews', singularName: 'subjectaccessreview', namespaced: false, kind: 'SubjectAccessReview', verbs: ['create'] },
  ],
  'policy/v1': [
    { name: 'poddisruptionbudgets', singularName: 'poddisruptionbudget', namespaced: true, kind: 'PodDisruptionBudget', verbs: ALL, shortNames: ['pdb'], storageVersionHash: 'EVWiDmWqyJw=', subresources: { status: STATUS } },
  ],
  // 1.32 also serves ipaddresses and servicecidrs here in v1beta1 (not watchplane's).
  'networking.k8s.io/v1': [
    { name: 'ingressclasses', singularName: 'ingressclass', namespaced: false, kind: 'IngressClass', verbs: ALL, storageVersionHash: 'l/iqIbDgFyQ=' },
    { name: 'ingresses', singularName: 'ingress', namespaced: true, kind: 'Ingress', verbs: ALL, shortNames: ['ing'], storageVersionHash: '39NQlfNR+bo=', subresources: { status: STATUS } },
    { name: 'networkpolicies', singularName: 'networkpolicy', namespaced: true, kind: 'NetworkPolicy', verbs: ALL, shortNames: ['netpol'], storageVersionHash: 'YpfwF18m1G8=' },
  ],
  'scheduling.k8s.io/v1': [
    { name: 'priorityclasses', singularName: 'priorityclass', namespaced: false, kind: 'PriorityClass', verbs: ALL, shortNames: ['pc'], storageVersionHash: '1QwjyaZjj3Y=' },
  ],
  'storage.k8s.io/v1': [
    { name: 'storageclasses', singularName: 'storageclass', namespaced: false, kind: 'StorageClass', verbs: ALL, shortNames: ['sc'], storageVersionHash: 'K+m6uJwbjGY=' },
  ],
  // api/discovery/apis__apiextensions.k8s.io__v1.json
  'apiextensions.k8s.io/v1': [
    { name: 'customresourcedefinitions', singularName: 'customresourcedefinition', namespaced: false, kind: 'CustomResourceDefinition', verbs: ALL, shortNames: ['crd', 'crds'], categories: ['api-extensions'], storageVersionHash: 'jfWCUB31mvA=', subresources: { status: STATUS } },
  ],
  // 1.32 also serves tokenreviews here (not watchplane's). Kinds nothing stores have no storageVersionHash.
  'authentication.k8s.io/v1': [
    { name: 'selfsubjectreviews', singularName: 'selfsubjectreview', namespaced: false, kind: 'SelfSubjectReview', verbs: ['create'] },
  ],
  'discovery.k8s.io/v1': [
    // The stored apis__discovery.k8s.io__v1.json dates from when slices were stored as v1beta1
    // (hash Nx3SIv6I0mE=); 1.32 stores discovery.k8s.io/v1 (v1beta1 went in 1.25): the hash of that.
    { name: 'endpointslices', singularName: 'endpointslice', namespaced: true, kind: 'EndpointSlice', verbs: ALL, storageVersionHash: 'qgS0xkrxYAI=' },
  ],
}

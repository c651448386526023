// A minimal valid body of every served kind, keyed `group/plural` ('' for core), as a client
// would send it. every-kind.test.ts fails for a served kind without one.

const template = (app: string, restartPolicy?: string) => ({
  metadata: { labels: { app } },
  spec: { ...(restartPolicy ? { restartPolicy } : {}), containers: [{ name: 'c', image: 'busybox' }] },
})
const workload = (app: string) => ({ spec: { selector: { matchLabels: { app } }, template: template(app) } })

export const KIND_SAMPLES: Readonly<Record<string, Record<string, unknown>>> = {
  '/namespaces': {},
  '/pods': { spec: template('p').spec },
  '/services': { spec: { ports: [{ port: 80 }] } },
  '/configmaps': { data: { key: 'value' } },
  '/secrets': { data: { key: 'dmFsdWU=' } },
  '/serviceaccounts': {},
  '/events': { involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' }, reason: 'Tested', message: 'm', type: 'Normal' },
  'events.k8s.io/events': { eventTime: '2026-01-02T03:04:05.000000Z', reportingController: 'example.com/tester', reportingInstance: 'tester-1', action: 'Testing', reason: 'Tested', regarding: { kind: 'Pod', name: 'p', namespace: 'default' }, note: 'm', type: 'Normal' },
  '/nodes': {},
  '/endpoints': { subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] },
  '/persistentvolumeclaims': { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
  '/resourcequotas': { spec: { hard: { pods: '10' } } },
  '/limitranges': { spec: { limits: [{ type: 'Container', default: { cpu: '500m' } }] } },
  '/replicationcontrollers': { spec: { replicas: 1, template: template('rc') } },
  '/persistentvolumes': { spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } } },
  '/podtemplates': { template: template('t') },
  'apps/deployments': workload('d'),
  'apps/replicasets': workload('rs'),
  'apps/statefulsets': { spec: { ...workload('sts').spec, serviceName: 'sts' } },
  'apps/daemonsets': workload('ds'),
  'batch/jobs': { spec: { template: template('j', 'Never') } },
  'batch/cronjobs': { spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: template('cj', 'OnFailure') } } } },
  'coordination.k8s.io/leases': { spec: { holderIdentity: 'me' } },
  'rbac.authorization.k8s.io/roles': { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
  'rbac.authorization.k8s.io/clusterroles': { rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] },
  'rbac.authorization.k8s.io/rolebindings': { roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'jane' }] },
  'rbac.authorization.k8s.io/clusterrolebindings': { roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'Group', name: 'devs' }] },
  'policy/poddisruptionbudgets': { spec: { minAvailable: 1, selector: { matchLabels: { app: 'p' } } } },
  'networking.k8s.io/ingresses': { spec: { defaultBackend: { service: { name: 's', port: { number: 80 } } } } },
  'networking.k8s.io/ingressclasses': { spec: { controller: 'example.com/ingress' } },
  'networking.k8s.io/networkpolicies': { spec: { podSelector: {}, policyTypes: ['Ingress'] } },
  'scheduling.k8s.io/priorityclasses': { value: 100 },
  'apiextensions.k8s.io/customresourcedefinitions': {
    metadata: { name: 'everies.every.example.com' },
    spec: {
      group: 'every.example.com', scope: 'Namespaced', names: { plural: 'everies', kind: 'Every' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }],
    },
  },
  'storage.k8s.io/storageclasses': { provisioner: 'example.com/disk' },
  'discovery.k8s.io/endpointslices': { addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'] }] },
}

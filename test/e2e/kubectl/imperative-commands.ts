import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * kubectl's imperative create commands and the Go object each sends (as protobuf), written out as
 * JSON from upstream behaviour: k8s.io/kubectl pkg/cmd/create/*.go build these objects, and
 * `kubectl create … --dry-run=client -o json` prints them (the tests check both agree).
 */
export interface ImperativeCommand {
  /** the command line after `kubectl`; `--` starts the container command */
  args: string[]
  /** the plural (and group) the POST goes to: `configmaps`, `deployments.apps` */
  resource: string
  /** the line kubectl prints on success, as against kube-apiserver */
  line: string
  /** the object kubectl sends */
  expected: Record<string, unknown>
  /** false for commands with no --dry-run=client (token, auth can-i) */
  hasDryRun?: boolean
}

const meta = (name?: string, labels?: Record<string, string>) => ({ ...(name ? { name } : {}), creationTimestamp: null, ...(labels ? { labels } : {}) })
const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64')

/** The files the commands read, written into `dir`: an env file, a text file, a binary file, a TLS pair. */
export function writeInputFiles(dir: string): void {
  writeFileSync(join(dir, 'env.txt'), 'A=1\nB=two\n')
  writeFileSync(join(dir, 'greeting.txt'), 'hello')
  writeFileSync(join(dir, 'blob.bin'), Buffer.from([0x00, 0xff, 0x10, 0x62, 0x69, 0x6e]))
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'tls.key'),
    '-out', join(dir, 'tls.crt'), '-days', '1', '-subj', '/CN=test'], { encoding: 'utf8' })
  if (made.status !== 0) throw new Error(`openssl could not make a test certificate: ${made.stderr ?? made.error}`)
}

const deployment = (name: string, replicas: number, containers: object[]) => ({
  kind: 'Deployment', apiVersion: 'apps/v1', metadata: meta(name, { app: name }),
  spec: {
    replicas, selector: { matchLabels: { app: name } },
    template: { metadata: meta(undefined, { app: name }), spec: { containers } },
    strategy: {},
  },
  status: {},
})

const service = (name: string, type: string, port: object) => ({
  kind: 'Service', apiVersion: 'v1', metadata: meta(name, { app: name }),
  spec: { ports: [port], selector: { app: name }, type }, status: { loadBalancer: {} },
})

const rbac = (kind: string) => ({ kind, apiVersion: 'rbac.authorization.k8s.io/v1' })

export function imperativeCommands(dir: string): ImperativeCommand[] {
  const file = (name: string) => join(dir, name)
  const dockerConfig = JSON.stringify({ auths: { 'reg.example': { username: 'u', password: 'p', email: 'e@x', auth: base64('u:p') } } })
  return [
    { args: ['create', 'namespace', 'demo'], resource: 'namespaces', line: 'namespace/demo created',
      expected: { kind: 'Namespace', apiVersion: 'v1', metadata: meta('demo'), spec: {}, status: {} } },
    { args: ['create', 'configmap', 'c', '--from-literal=a=b', '--from-literal=c=d'], resource: 'configmaps', line: 'configmap/c created',
      expected: { kind: 'ConfigMap', apiVersion: 'v1', metadata: meta('c'), data: { a: 'b', c: 'd' } } },
    { args: ['create', 'configmap', 'files', `--from-file=${file('greeting.txt')}`, `--from-file=bin=${file('blob.bin')}`], resource: 'configmaps', line: 'configmap/files created',
      expected: { kind: 'ConfigMap', apiVersion: 'v1', metadata: meta('files'), data: { 'greeting.txt': 'hello' }, binaryData: { bin: base64(Buffer.from([0x00, 0xff, 0x10, 0x62, 0x69, 0x6e])) } } },
    { args: ['create', 'configmap', 'env', `--from-env-file=${file('env.txt')}`], resource: 'configmaps', line: 'configmap/env created',
      expected: { kind: 'ConfigMap', apiVersion: 'v1', metadata: meta('env'), data: { A: '1', B: 'two' } } },
    { args: ['create', 'secret', 'generic', 's', '--from-literal=user=admin', '--from-literal=empty='], resource: 'secrets', line: 'secret/s created',
      expected: { kind: 'Secret', apiVersion: 'v1', metadata: meta('s'), data: { empty: '', user: base64('admin') } } },
    { args: ['create', 'secret', 'tls', 't', `--cert=${file('tls.crt')}`, `--key=${file('tls.key')}`], resource: 'secrets', line: 'secret/t created',
      get expected() {
        return { kind: 'Secret', apiVersion: 'v1', metadata: meta('t'), data: { 'tls.crt': base64(readFileSync(file('tls.crt'))), 'tls.key': base64(readFileSync(file('tls.key'))) }, type: 'kubernetes.io/tls' }
      } },
    { args: ['create', 'secret', 'docker-registry', 'r', '--docker-server=reg.example', '--docker-username=u', '--docker-password=p', '--docker-email=e@x'], resource: 'secrets', line: 'secret/r created',
      expected: { kind: 'Secret', apiVersion: 'v1', metadata: meta('r'), data: { '.dockerconfigjson': base64(dockerConfig) }, type: 'kubernetes.io/dockerconfigjson' } },
    { args: ['create', 'deployment', 'd', '--image=nginx', '--replicas=0', '--port=80'], resource: 'deployments.apps', line: 'deployment.apps/d created',
      expected: deployment('d', 0, [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }], resources: {} }]) },
    { args: ['create', 'deployment', 'two', '--image=a', '--image=b'], resource: 'deployments.apps', line: 'deployment.apps/two created',
      expected: deployment('two', 1, [{ name: 'a', image: 'a', resources: {} }, { name: 'b', image: 'b', resources: {} }]) },
    { args: ['create', 'job', 'j', '--image=busybox', '--', 'echo', 'hi'], resource: 'jobs.batch', line: 'job.batch/j created',
      expected: { kind: 'Job', apiVersion: 'batch/v1', metadata: meta('j'),
        spec: { template: { metadata: meta(), spec: { containers: [{ name: 'j', image: 'busybox', command: ['echo', 'hi'], resources: {} }], restartPolicy: 'Never' } } }, status: {} } },
    { args: ['create', 'cronjob', 'cj', '--image=busybox', '--schedule=*/5 * * * *', '--restart=OnFailure', '--', 'date'], resource: 'cronjobs.batch', line: 'cronjob.batch/cj created',
      expected: { kind: 'CronJob', apiVersion: 'batch/v1', metadata: meta('cj'),
        spec: { schedule: '*/5 * * * *', jobTemplate: { metadata: meta('cj'),
          spec: { template: { metadata: meta(), spec: { containers: [{ name: 'cj', image: 'busybox', command: ['date'], resources: {} }], restartPolicy: 'OnFailure' } } } } }, status: {} } },
    { args: ['create', 'service', 'clusterip', 's1', '--tcp=80:8080'], resource: 'services', line: 'service/s1 created',
      expected: service('s1', 'ClusterIP', { name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }) },
    { args: ['create', 'service', 'nodeport', 's2', '--tcp=80:8080', '--node-port=30080'], resource: 'services', line: 'service/s2 created',
      expected: service('s2', 'NodePort', { name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 30080 }) },
    { args: ['create', 'service', 'loadbalancer', 's3', '--tcp=443:https'], resource: 'services', line: 'service/s3 created',
      expected: service('s3', 'LoadBalancer', { name: '443-https', protocol: 'TCP', port: 443, targetPort: 'https' }) },
    { args: ['create', 'serviceaccount', 'sa'], resource: 'serviceaccounts', line: 'serviceaccount/sa created',
      expected: { kind: 'ServiceAccount', apiVersion: 'v1', metadata: meta('sa') } },
    { args: ['create', 'role', 'r', '--verb=get,list', '--resource=pods,deployments.apps', '--resource-name=x'], resource: 'roles.rbac.authorization.k8s.io', line: 'role.rbac.authorization.k8s.io/r created',
      expected: { ...rbac('Role'), metadata: meta('r'), rules: [
        { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'], resourceNames: ['x'] },
        { verbs: ['get', 'list'], apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['x'] }] } },
    { args: ['create', 'rolebinding', 'rb', '--role=r', '--user=alice', '--serviceaccount=default:sa'], resource: 'rolebindings.rbac.authorization.k8s.io', line: 'rolebinding.rbac.authorization.k8s.io/rb created',
      expected: { ...rbac('RoleBinding'), metadata: meta('rb'),
        subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }, { kind: 'ServiceAccount', name: 'sa', namespace: 'default' }],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' } } },
    { args: ['create', 'clusterrole', 'cr', '--verb=get', '--non-resource-url=/logs/*'], resource: 'clusterroles.rbac.authorization.k8s.io', line: 'clusterrole.rbac.authorization.k8s.io/cr created',
      expected: { ...rbac('ClusterRole'), metadata: meta('cr'), rules: [{ verbs: ['get'], nonResourceURLs: ['/logs/*'] }] } },
    // No rules on the wire: Go's nil slice, without omitempty, is `"rules": null`.
    { args: ['create', 'clusterrole', 'agg', '--aggregation-rule=rbac.example.com/aggregate=true'], resource: 'clusterroles.rbac.authorization.k8s.io', line: 'clusterrole.rbac.authorization.k8s.io/agg created',
      expected: { ...rbac('ClusterRole'), metadata: meta('agg'), rules: null, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate': 'true' } }] } } },
    { args: ['create', 'clusterrolebinding', 'crb', '--clusterrole=cr', '--group=devs'], resource: 'clusterrolebindings.rbac.authorization.k8s.io', line: 'clusterrolebinding.rbac.authorization.k8s.io/crb created',
      expected: { ...rbac('ClusterRoleBinding'), metadata: meta('crb'), subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' }],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cr' } } },
    { args: ['create', 'quota', 'q', '--hard=cpu=1,memory=1Gi,pods=10', '--scopes=BestEffort'], resource: 'resourcequotas', line: 'resourcequota/q created',
      expected: { kind: 'ResourceQuota', apiVersion: 'v1', metadata: meta('q'), spec: { hard: { cpu: '1', memory: '1Gi', pods: '10' }, scopes: ['BestEffort'] }, status: {} } },
    { args: ['create', 'priorityclass', 'pc', '--value=1000', '--description=x', '--preemption-policy=Never'], resource: 'priorityclasses.scheduling.k8s.io', line: 'priorityclass.scheduling.k8s.io/pc created',
      expected: { kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', metadata: meta('pc'), value: 1000, description: 'x', preemptionPolicy: 'Never' } },
    // IntOrString as a string (50%); the status's int32 fields have no omitempty, so zeros are sent.
    { args: ['create', 'poddisruptionbudget', 'pdb', '--selector=app=x', '--min-available=50%'], resource: 'poddisruptionbudgets.policy', line: 'poddisruptionbudget.policy/pdb created',
      expected: { kind: 'PodDisruptionBudget', apiVersion: 'policy/v1', metadata: meta('pdb'), spec: { minAvailable: '50%', selector: { matchLabels: { app: 'x' } } },
        status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 } } },
    { args: ['create', 'ingress', 'ing', '--rule=foo.com/bar=svc:8080,tls=my-cert', '--class=nginx'], resource: 'ingresses.networking.k8s.io', line: 'ingress.networking.k8s.io/ing created',
      expected: { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', metadata: meta('ing'),
        spec: { ingressClassName: 'nginx', tls: [{ hosts: ['foo.com'], secretName: 'my-cert' }],
          rules: [{ host: 'foo.com', http: { paths: [{ path: '/bar', pathType: 'Exact', backend: { service: { name: 'svc', port: { number: 8080 } } } }] } }] },
        status: { loadBalancer: {} } } },
    // k8s.io/kubectl pkg/cmd/create/create_token.go: a TokenRequest with the audiences and the duration.
    { args: ['create', 'token', 'sa', '--duration=10m'], resource: 'serviceaccounts', line: '', hasDryRun: false,
      expected: { kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', metadata: meta(),
        spec: { audiences: null, expirationSeconds: 600, boundObjectRef: null }, status: { token: '', expirationTimestamp: null } } },
    // k8s.io/kubectl pkg/cmd/auth/cani.go: a SelfSubjectAccessReview of the mapped resource.
    { args: ['auth', 'can-i', 'get', 'pods'], resource: 'selfsubjectaccessreviews.authorization.k8s.io', line: '', hasDryRun: false,
      expected: { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: meta(),
        spec: { resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } }, status: { allowed: false } } },
  ]
}

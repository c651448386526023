import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { Kubectl, kubectlAvailability } from '../../support/kubectl.js'
import { startServer } from '../../support/start-server.js'

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url))
const AGE = String.raw`\d+[smh]\S*`
const TIME = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`
const line = (...cells: string[]) => new RegExp(`^${cells.join(String.raw`\s+`)}\\s*$`, 'm')

// Output as kubectl 1.32 prints it against kube-apiserver 1.32 (printers.go columns and cells).
describe('kubectl: the kinds its imperative commands need', { ...kubectlAvailability() }, () => {
  let server: RunningWatchplane
  let kubectl: Kubectl
  before(async () => {
    server = await startServer()
    kubectl = new Kubectl(server.kubeconfigPath!)
  })
  after(() => server.close())

  test('api-resources lists each kind with its short names', async () => {
    const resources = await kubectl.ok(['api-resources'])
    const rows = [
      ['resourcequotas', 'quota', 'v1', 'true', 'ResourceQuota'],
      ['limitranges', 'limits', 'v1', 'true', 'LimitRange'],
      ['replicationcontrollers', 'rc', 'v1', 'true', 'ReplicationController'],
      ['persistentvolumes', 'pv', 'v1', 'false', 'PersistentVolume'],
      ['podtemplates', 'v1', 'true', 'PodTemplate'],
      ['roles', 'rbac.authorization.k8s.io/v1', 'true', 'Role'],
      ['clusterroles', 'rbac.authorization.k8s.io/v1', 'false', 'ClusterRole'],
      ['rolebindings', 'rbac.authorization.k8s.io/v1', 'true', 'RoleBinding'],
      ['clusterrolebindings', 'rbac.authorization.k8s.io/v1', 'false', 'ClusterRoleBinding'],
      ['poddisruptionbudgets', 'pdb', 'policy/v1', 'true', 'PodDisruptionBudget'],
      ['ingresses', 'ing', 'networking.k8s.io/v1', 'true', 'Ingress'],
      ['ingressclasses', 'networking.k8s.io/v1', 'false', 'IngressClass'],
      ['networkpolicies', 'netpol', 'networking.k8s.io/v1', 'true', 'NetworkPolicy'],
      ['priorityclasses', 'pc', 'scheduling.k8s.io/v1', 'false', 'PriorityClass'],
      ['storageclasses', 'sc', 'storage.k8s.io/v1', 'false', 'StorageClass'],
      ['endpointslices', 'discovery.k8s.io/v1', 'true', 'EndpointSlice'],
    ]
    for (const row of rows) assert.match(resources, line(...row.map((c) => c.replace('.', '\\.'))))
  })

  test('explain reads each group version\'s OpenAPI v3', async () => {
    const roleRef = await kubectl.ok(['explain', 'rolebinding.roleRef'])
    assert.match(roleRef, /GROUP:\s+rbac\.authorization\.k8s\.io\nKIND:\s+RoleBinding\nVERSION:\s+v1/)
    assert.match(roleRef, /name\s+<string> -required-/)
    assert.match(await kubectl.ok(['explain', 'ingress.spec.rules.http.paths.pathType']), /FIELD: pathType <string>/)
    assert.match(await kubectl.ok(['explain', 'pc']), /value\s+<integer> -required-/)
  })

  test('get pc shows the two system priority classes kube-apiserver creates at start', async () => {
    const out = await kubectl.ok(['get', 'pc'])
    assert.match(out, /^NAME\s+VALUE\s+GLOBAL-DEFAULT\s+AGE\s+PREEMPTIONPOLICY\n/)
    assert.match(out, line('system-cluster-critical', '2000000000', 'false', AGE, 'PreemptLowerPriority'))
    assert.match(out, line('system-node-critical', '2000001000', 'false', AGE, 'PreemptLowerPriority'))
    const node = JSON.parse(await kubectl.ok(['get', 'pc', 'system-node-critical', '-o', 'json']))
    assert.equal(node.description, 'Used for system critical pods that must not be moved from their current node.')
    const refused = await kubectl.run(['delete', 'pc', 'system-node-critical'])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /Error from server \(Forbidden\): priorityclasses\.scheduling\.k8s\.io "system-node-critical" is forbidden: this is a system priority class and cannot be deleted/)
  })

  test('create -f, then apply -f: configured, unchanged, configured on a change', async () => {
    const manifests: Array<[file: string, resource: string]> = [
      ['role.yaml', 'role.rbac.authorization.k8s.io/pod-reader'],
      ['clusterrolebinding.yaml', 'clusterrolebinding.rbac.authorization.k8s.io/read-secrets-global'],
      ['ingress.yaml', 'ingress.networking.k8s.io/minimal-ingress'],
      ['pdb.yaml', 'poddisruptionbudget.policy/zk-pdb'],
      ['quota.yaml', 'resourcequota/compute-resources'],
      ['priorityclass.yaml', 'priorityclass.scheduling.k8s.io/high-priority'],
    ]
    for (const [file, resource] of manifests) {
      assert.equal(await kubectl.ok(['create', '-f', fixture(file)]), `${resource} created\n`)
      // The first apply adds the last-applied annotation create did not save (with kubectl's warning).
      assert.equal(await kubectl.ok(['apply', '-f', fixture(file)]), `${resource} configured\n`)
      // A PDB's selector has patchStrategy "replace": kubectl's three-way patch always carries it
      // whole, never empty, so kubectl reports every apply of a PDB as configured, as against kube.
      const again = resource.startsWith('poddisruptionbudget') ? 'configured' : 'unchanged'
      assert.equal(await kubectl.ok(['apply', '-f', fixture(file)]), `${resource} ${again}\n`)
    }
    const changed = kubectl.file('pdb-3.yaml', readFileSync(fixture('pdb.yaml'), 'utf8').replace('minAvailable: 2', 'minAvailable: 3'))
    assert.equal(await kubectl.ok(['apply', '-f', changed]), 'poddisruptionbudget.policy/zk-pdb configured\n')
    assert.match(await kubectl.ok(['get', 'pdb']), line('zk-pdb', '3', 'N/A', '0', AGE))
  })

  test('get prints kube\'s columns for each kind', async () => {
    await kubectl.ok(['apply', '-f', fixture('more-kinds.yaml')])
    const cases: Array<[args: string[], header: RegExp, row: RegExp]> = [
      [['get', 'roles'], line('NAME', 'CREATED AT'), line('pod-reader', TIME)],
      [['get', 'clusterroles'], line('NAME', 'CREATED AT'), line('secret-reader', TIME)],
      [['get', 'rolebindings', '-o', 'wide'], line('NAME', 'ROLE', 'AGE', 'USERS', 'GROUPS', 'SERVICEACCOUNTS'), line('read-pods', 'Role/pod-reader', AGE, 'jane')],
      [['get', 'clusterrolebindings', '-o', 'wide'], line('NAME', 'ROLE', 'AGE', 'USERS', 'GROUPS', 'SERVICEACCOUNTS'), line('read-secrets-global', 'ClusterRole/secret-reader', AGE, 'manager', 'ci/bot')],
      [['get', 'ing'], line('NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'), line('minimal-ingress', 'nginx-example', 'foo\\.example\\.com', '80', AGE)],
      [['get', 'pdb'], line('NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'), line('zk-pdb', '3', 'N/A', '0', AGE)],
      [['get', 'quota'], line('NAME', 'AGE', 'REQUEST', 'LIMIT'), line('compute-resources', AGE)],
      [['get', 'rc', '-o', 'wide'], line('NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'), line('nginx', '3', '0', '0', AGE, 'nginx', 'nginx', 'app=nginx')],
      [
        ['get', 'pv'],
        line('NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'),
        line('pv0003', '5Gi', 'RWO', 'Recycle', 'Pending', 'slow', '<unset>', AGE),
      ],
      [['get', 'limits'], line('NAME', 'CREATED AT'), line('cpu-resource-constraint', TIME)],
      [['get', 'podtemplates'], line('NAME', 'CONTAINERS', 'IMAGES', 'POD LABELS'), line('tpl', 'web', 'nginx', 'app=web')],
      [['get', 'ingressclasses'], line('NAME', 'CONTROLLER', 'PARAMETERS', 'AGE'), line('external-lb', 'example\\.com/ingress-controller', 'IngressParameters\\.k8s\\.example\\.com/external-lb', AGE)],
      [['get', 'netpol'], line('NAME', 'POD-SELECTOR', 'AGE'), line('test-network-policy', 'role=db', AGE)],
      [['get', 'sc'], line('NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'), line('standard \\(default\\)', 'kubernetes\\.io/aws-ebs', 'Retain', 'Immediate', 'true', AGE)],
      [['get', 'endpointslices'], line('NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'), line('example-abc', 'IPv4', '80', '10\\.1\\.2\\.3', AGE)],
    ]
    for (const [args, header, row] of cases) {
      const out = await kubectl.ok(args)
      assert.match(out.split('\n')[0]!, header, args.join(' '))
      assert.match(out, row, args.join(' '))
    }
  })

  test('status written through the subresource shows in the quota and ingress cells', async () => {
    const quotaStatus = { status: { hard: { pods: '10', 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' }, used: { pods: '1', 'requests.cpu': '500m' } } }
    await kubectl.ok(['patch', 'quota', 'compute-resources', '--subresource=status', '--type=merge', '-p', JSON.stringify(quotaStatus)])
    assert.match(await kubectl.ok(['get', 'quota']), line('compute-resources', AGE, 'pods: 1/10, requests\\.cpu: 500m/1, requests\\.memory: 0/1Gi', 'limits\\.cpu: 0/2, limits\\.memory: 0/2Gi'))
    const lb = { status: { loadBalancer: { ingress: [{ ip: '10.0.0.7' }] } } }
    await kubectl.ok(['patch', 'ing', 'minimal-ingress', '--subresource=status', '--type=merge', '-p', JSON.stringify(lb)])
    assert.match(await kubectl.ok(['get', 'ing']), line('minimal-ingress', 'nginx-example', 'foo\\.example\\.com', '10\\.0\\.0\\.7', '80', AGE))
  })

  test('scale a replication controller; its Scale selects by the label map', async () => {
    assert.equal(await kubectl.ok(['scale', 'rc', 'nginx', '--replicas=5']), 'replicationcontroller/nginx scaled\n')
    const scale = JSON.parse(await kubectl.ok(['get', '--raw', '/api/v1/namespaces/default/replicationcontrollers/nginx/scale']))
    assert.deepEqual([scale.spec, scale.status], [{ replicas: 5 }, { replicas: 0, selector: 'app=nginx' }])
  })

  test('strategic merge patch: a PDB selector is replaced whole, a role\'s rules are atomic', async () => {
    await kubectl.ok(['patch', 'pdb', 'zk-pdb', '-p', '{"spec":{"selector":{"matchLabels":{"tier":"db"}}}}'])
    assert.equal(await kubectl.ok(['get', 'pdb', 'zk-pdb', '-o', 'jsonpath={.spec.selector}']), '{"matchLabels":{"tier":"db"}}')
    await kubectl.ok(['patch', 'role', 'pod-reader', '-p', '{"rules":[{"apiGroups":[""],"resources":["secrets"],"verbs":["get"]}]}'])
    assert.equal(await kubectl.ok(['get', 'role', 'pod-reader', '-o', 'jsonpath={.rules}']), '[{"apiGroups":[""],"resources":["secrets"],"verbs":["get"]}]')
  })

  test('a binding\'s roleRef cannot change; RBAC names may hold colons', async () => {
    const changed = kubectl.file('crb-view.yaml', readFileSync(fixture('clusterrolebinding.yaml'), 'utf8').replace('name: secret-reader', 'name: view'))
    const refused = await kubectl.run(['apply', '-f', changed])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /The ClusterRoleBinding "read-secrets-global" is invalid: roleRef: Invalid value: rbac\.RoleRef\{APIGroup:"rbac\.authorization\.k8s\.io", Kind:"ClusterRole", Name:"view"\}: cannot change roleRef/)
    const colon = kubectl.file('colon.yaml', 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: system:metrics:reader\nrules:\n- nonResourceURLs: ["/metrics"]\n  verbs: ["get"]\n')
    assert.equal(await kubectl.ok(['apply', '-f', colon]), 'clusterrole.rbac.authorization.k8s.io/system:metrics:reader created\n')
    assert.equal(await kubectl.ok(['delete', 'clusterrole', 'system:metrics:reader']), 'clusterrole.rbac.authorization.k8s.io "system:metrics:reader" deleted\n')
  })

  test('delete each kind', async () => {
    const out = await kubectl.ok(['delete', '-f', fixture('more-kinds.yaml')])
    assert.equal(out.trim().split('\n').length, 10)
    assert.match(out, /^persistentvolume "pv0003" deleted$/m)
    // The default cluster roles stay: kube labels them kubernetes.io/bootstrapping=rbac-defaults.
    for (const kind of ['rc', 'pv', 'limits', 'podtemplates', 'ingressclasses', 'netpol', 'sc', 'endpointslices', 'clusterroles', 'rolebindings']) {
      assert.equal((await kubectl.run(['get', kind, '-o', 'name', '-l', '!kubernetes.io/bootstrapping'])).stdout, '', kind)
    }
  })
})

import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { eventually } from '../../support/eventually.js'
import { Kubectl, kubectlAvailability } from '../../support/kubectl.js'
import { startServer } from '../../support/start-server.js'

// The imperative commands a new user types after `create`, with the lines kubectl 1.32 prints
// against kube-apiserver (k8s: staging/src/k8s.io/kubectl/pkg/cmd/{run,expose,set,rollout}).
describe('kubectl: run, expose, set, rollout restart, --dry-run=server, and a new user\'s first script', { ...kubectlAvailability() }, () => {
  let server: RunningWatchplane
  let kubectl: Kubectl
  const get = async (args: string[]) => JSON.parse(await kubectl.ok([...args, '-o', 'json']))
  before(async () => {
    server = await startServer()
    kubectl = new Kubectl(server.kubeconfigPath!)
    await kubectl.ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=2'])
  })
  after(() => server.close())

  test('run makes a pod labelled run=<name>', async () => {
    assert.equal((await kubectl.ok(['run', 'r1', '--image=nginx', '--port=80'])).trim(), 'pod/r1 created')
    const pod = await get(['get', 'pod', 'r1'])
    assert.deepEqual(pod.metadata.labels, { run: 'r1' })
    assert.equal(pod.spec.containers[0].name, 'r1')
    assert.equal(pod.spec.containers[0].image, 'nginx')
    assert.deepEqual(pod.spec.containers[0].ports, [{ containerPort: 80, protocol: 'TCP' }])
  })

  test('expose a deployment and a pod: Services selecting them, with cluster IPs', async () => {
    assert.equal((await kubectl.ok(['expose', 'deployment', 'web', '--port=80', '--target-port=8080'])).trim(), 'service/web exposed')
    const web = await get(['get', 'svc', 'web'])
    assert.deepEqual(web.spec.selector, { app: 'web' })
    assert.deepEqual(web.spec.ports, [{ port: 80, protocol: 'TCP', targetPort: 8080 }])
    assert.match(web.spec.clusterIP, /^10\.\d+\.\d+\.\d+$/)
    assert.equal((await kubectl.ok(['expose', 'pod', 'r1', '--port=80', '--name=r1-svc'])).trim(), 'service/r1-svc exposed')
    assert.deepEqual((await get(['get', 'svc', 'r1-svc'])).spec.selector, { run: 'r1' })
  })

  test('set image, env, resources, selector and serviceaccount', async () => {
    assert.equal((await kubectl.ok(['set', 'image', 'deployment/web', 'nginx=nginx:1.27'])).trim(), 'deployment.apps/web image updated')
    assert.equal((await kubectl.ok(['set', 'env', 'deployment/web', 'FOO=bar'])).trim(), 'deployment.apps/web env updated')
    assert.equal((await kubectl.ok(['set', 'resources', 'deployment', 'web', '--limits=cpu=200m,memory=512Mi'])).trim(), 'deployment.apps/web resource requirements updated')
    assert.equal((await kubectl.ok(['create', 'serviceaccount', 'builder'])).trim(), 'serviceaccount/builder created')
    assert.equal((await kubectl.ok(['set', 'serviceaccount', 'deployment', 'web', 'builder'])).trim(), 'deployment.apps/web serviceaccount updated')
    const container = (await get(['get', 'deploy', 'web'])).spec.template.spec.containers[0]
    assert.equal(container.image, 'nginx:1.27')
    assert.deepEqual(container.env, [{ name: 'FOO', value: 'bar' }])
    assert.deepEqual(container.resources, { limits: { cpu: '200m', memory: '512Mi' } })
    assert.equal((await get(['get', 'deploy', 'web'])).spec.template.spec.serviceAccountName, 'builder')
    assert.equal((await kubectl.ok(['set', 'selector', 'service', 'web', 'app=web2'])).trim(), 'service/web selector updated')
    assert.deepEqual((await get(['get', 'svc', 'web'])).spec.selector, { app: 'web2' })
  })

  test('rollout restart stamps the pod template, which bumps the generation', async () => {
    const before = await get(['get', 'deploy', 'web'])
    assert.equal((await kubectl.ok(['rollout', 'restart', 'deployment/web'])).trim(), 'deployment.apps/web restarted')
    const after = await get(['get', 'deploy', 'web'])
    assert.match(after.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/)
    assert.equal(after.metadata.generation, before.metadata.generation + 1)
  })

  test('create --dry-run=server -o yaml shows the object as the server would store it, and stores nothing', async () => {
    const yaml = await kubectl.ok(['create', 'configmap', 'dry', '--from-literal=a=b', '--dry-run=server', '-o', 'yaml'])
    assert.match(yaml, /^apiVersion: v1\ndata:\n {2}a: b\nkind: ConfigMap\nmetadata:\n {2}creationTimestamp: "\d{4}-/)
    assert.match(yaml, /\n {2}uid: [0-9a-f-]{36}\n/)
    const gone = await kubectl.run(['get', 'configmap', 'dry'])
    assert.equal(gone.stderr.trim(), 'Error from server (NotFound): configmaps "dry" not found')
  })

  test('a new user\'s first script runs start to end with no workaround', async () => {
    assert.equal((await kubectl.ok(['create', 'namespace', 'demo'])).trim(), 'namespace/demo created')
    assert.equal((await kubectl.ok(['-n', 'demo', 'create', 'deployment', 'hello', '--image=nginx'])).trim(), 'deployment.apps/hello created')
    assert.equal((await kubectl.ok(['-n', 'demo', 'expose', 'deployment', 'hello', '--port=80'])).trim(), 'service/hello exposed')
    const all = await kubectl.ok(['-n', 'demo', 'get', 'all'])
    assert.match(all, /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\nservice\/hello\s+ClusterIP\s+10\.\S+\s+<none>\s+80\/TCP\s+/m)
    assert.match(all, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\ndeployment\.apps\/hello\s+0\/1\s+0\s+0\s+/m)
    assert.match(await kubectl.ok(['-n', 'demo', 'describe', 'deployment', 'hello']), /^Name:\s+hello\nNamespace:\s+demo\n/)
    assert.match(await kubectl.ok(['-n', 'demo', 'describe', 'service', 'hello']), /^Selector:\s+app=hello$/m)
    assert.equal((await kubectl.ok(['delete', 'namespace', 'demo'])).trim(), 'namespace "demo" deleted')
    await eventually(async () => assert.equal((await kubectl.run(['get', 'namespace', 'demo'])).code, 1), { timeoutMs: 10_000 })
  })
})

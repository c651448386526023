import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { Kubectl, kubectlAvailability } from '../../support/kubectl.js'
import { startServer } from '../../support/start-server.js'

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url))

describe('kubectl: discovery, create and get', { ...kubectlAvailability() }, () => {
  let server: RunningWatchplane
  let kubectl: Kubectl
  before(async () => {
    server = await startServer()
    kubectl = new Kubectl(server.kubeconfigPath!)
  })
  after(() => server.close())

  test('version reports the server as 1.32', async () => {
    assert.match(await kubectl.ok(['version']), /Server Version: v1\.32/)
  })

  test('api-resources lists short names, api-versions lists groups', async () => {
    const resources = await kubectl.ok(['api-resources'])
    assert.match(resources, /^pods\s+po\s+v1\s+true\s+Pod$/m)
    assert.match(resources, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m)
    assert.match(resources, /^namespaces\s+ns\s+v1\s+false\s+Namespace$/m)
    assert.match(resources, /^configmaps\s+cm\s+v1\s+true\s+ConfigMap$/m)
    const versions = (await kubectl.ok(['api-versions'])).trim().split('\n')
    assert.deepEqual(versions, [
      'apiextensions.k8s.io/v1',
      'apps/v1',
      'authentication.k8s.io/v1',
      'authorization.k8s.io/v1',
      'batch/v1',
      'coordination.k8s.io/v1',
      'discovery.k8s.io/v1',
      'events.k8s.io/v1',
      'networking.k8s.io/v1',
      'policy/v1',
      'rbac.authorization.k8s.io/v1',
      'scheduling.k8s.io/v1',
      'storage.k8s.io/v1',
      'v1',
    ])
  })

  test('create a namespace and a pod from manifests', async () => {
    assert.match(await kubectl.ok(['create', '-f', fixture('ns.yaml')]), /namespace\/demo created/)
    assert.match(await kubectl.ok(['-n', 'demo', 'create', '-f', fixture('pod.yaml')]), /pod\/p1 created/)
    const again = await kubectl.run(['-n', 'demo', 'create', '-f', fixture('pod.yaml')])
    assert.equal(again.code, 1)
    assert.match(again.stderr, /Error from server \(AlreadyExists\): error when creating ".*pod.yaml": pods "p1" already exists/)
    const missing = await kubectl.run(['-n', 'nope', 'create', '-f', fixture('pod.yaml')])
    assert.match(missing.stderr, /Error from server \(NotFound\): .*namespaces "nope" not found/)
  })

  test('an unknown field is rejected under Strict, a warning under Warn', async () => {
    const strict = await kubectl.run(['-n', 'demo', 'create', '-f', fixture('pod-bad.yaml')])
    assert.equal(strict.code, 1)
    assert.match(strict.stderr, /Error from server \(BadRequest\): error when creating ".*pod-bad.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers\[0\].bogusField"/)
    const warn = await kubectl.run(['-n', 'demo', 'create', '-f', fixture('pod-bad.yaml'), '--validate=warn'])
    assert.equal(warn.code, 0, warn.stderr)
    assert.match(warn.stderr, /Warning: unknown field "spec.containers\[0\].bogusField"/)
    await kubectl.ok(['-n', 'demo', 'delete', 'pod', 'bad'])
  })

  test('explain reads the served OpenAPI v3', async () => {
    const out = await kubectl.ok(['explain', 'pods.spec'])
    assert.match(out, /KIND:\s+Pod/)
    assert.match(out, /containers\s+<\[\]Container> -required-/)
  })

  test('get pods prints the server-side table with a humanised age', async () => {
    const out = await kubectl.ok(['-n', 'demo', 'get', 'pods'])
    assert.match(out, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/)
    assert.match(out, /^p1\s+0\/1\s+Pending\s+0\s+\d+s$/m)
    assert.match(await kubectl.ok(['-n', 'demo', 'get', 'pod', 'p1']), /^p1\s+0\/1\s+Pending/m)
    const wide = await kubectl.ok(['-n', 'demo', 'get', 'pods', '-o', 'wide', '--show-labels'])
    assert.match(wide, /IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\s+LABELS/)
    assert.match(wide, /app=web/)
    const nope = await kubectl.run(['-n', 'demo', 'get', 'pod', 'nope'])
    assert.equal(nope.code, 1)
    assert.match(nope.stderr, /Error from server \(NotFound\): pods "nope" not found/)
  })

  test('-o yaml and -o json round-trip the stored object', async () => {
    const pod = JSON.parse(await kubectl.ok(['-n', 'demo', 'get', 'pod', 'p1', '-o', 'json']))
    assert.equal(pod.kind, 'Pod')
    assert.match(pod.metadata.uid, /^[0-9a-f-]{36}$/)
    assert.match(pod.metadata.resourceVersion, /^\d+$/)
    assert.match(pod.metadata.creationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    const list = await kubectl.ok(['-n', 'demo', 'get', 'pods', '-o', 'yaml'])
    assert.match(list, /kind: List/)
    assert.match(list, /name: p1/)
  })

  test('selectors, all namespaces, sort-by and chunked lists', async () => {
    for (const name of ['p2', 'p3']) {
      await kubectl.ok(['-n', 'demo', 'run', name, '--image', 'busybox', '--labels', `app=${name === 'p2' ? 'db' : 'web'}`])
    }
    const web = await kubectl.ok(['-n', 'demo', 'get', 'pods', '-l', 'app=web', '-o', 'name'])
    assert.deepEqual(web.trim().split('\n'), ['pod/p1', 'pod/p3'])
    const notWeb = await kubectl.ok(['-n', 'demo', 'get', 'pods', '-l', 'app notin (web)', '-o', 'name'])
    assert.equal(notWeb.trim(), 'pod/p2')
    const byField = await kubectl.ok(['-n', 'demo', 'get', 'pods', '--field-selector', 'metadata.name=p2', '-o', 'name'])
    assert.equal(byField.trim(), 'pod/p2')
    const phase = await kubectl.ok(['-n', 'demo', 'get', 'pods', '--field-selector', 'status.phase=Pending', '-o', 'name'])
    assert.equal(phase.trim().split('\n').length, 3)
    assert.match(await kubectl.ok(['get', 'pods', '-A']), /^NAMESPACE\s+NAME\s+READY/)
    const sorted = await kubectl.ok(['-n', 'demo', 'get', 'pods', '--sort-by=.metadata.labels.app', '-o', 'name'])
    assert.deepEqual(sorted.trim().split('\n'), ['pod/p2', 'pod/p1', 'pod/p3'])
    const chunked = await kubectl.ok(['get', 'pods', '-A', '--chunk-size=1', '-o', 'name'])
    assert.deepEqual(chunked.trim().split('\n'), ['pod/p1', 'pod/p2', 'pod/p3'])
    const labelled = await kubectl.ok(['-n', 'demo', 'get', 'pods', '-L', 'app'])
    assert.match(labelled, /^p2\s+.*\s+db$/m)
  })

  test('a bad selector is a 400 and the server keeps serving', async () => {
    const bad = await kubectl.run(['-n', 'demo', 'get', 'pods', '-l', 'app in (web'])
    assert.equal(bad.code, 1)
    assert.match(bad.stderr, /BadRequest|unable to parse requirement|invalid/)
    const badField = await kubectl.run(['-n', 'demo', 'get', 'pods', '--field-selector', 'spec.bogus=x'])
    assert.match(badField.stderr, /field label not supported: spec.bogus/)
    assert.match(await kubectl.ok(['-n', 'demo', 'get', 'pods', '-o', 'name']), /pod\/p1/)
  })
})

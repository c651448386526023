import assert from 'node:assert/strict'
import { chmodSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { Kubectl, kubectlAvailability } from '../../support/kubectl.js'
import { startServer } from '../../support/start-server.js'

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url))

describe('kubectl: apply, patch, label, edit, scale, delete', { ...kubectlAvailability() }, () => {
  let server: RunningWatchplane
  let kubectl: Kubectl
  const get = async (args: string[]) => JSON.parse(await kubectl.ok([...args, '-o', 'json']))
  before(async () => {
    server = await startServer()
    kubectl = new Kubectl(server.kubeconfigPath!)
    await kubectl.ok(['create', '-f', fixture('ns.yaml')])
  })
  after(() => server.close())

  test('apply three times: created, configured (merged), configured (field removed), unchanged', async () => {
    assert.match(await kubectl.ok(['-n', 'demo', 'apply', '-f', fixture('deploy.yaml')]), /deployment.apps\/web created/)
    assert.match(await kubectl.ok(['-n', 'demo', 'apply', '-f', fixture('deploy2.yaml')]), /deployment.apps\/web configured/)
    let web = await get(['-n', 'demo', 'get', 'deploy', 'web'])
    assert.equal(web.spec.replicas, 3)
    assert.equal(web.metadata.generation, 2)
    assert.deepEqual(web.spec.template.spec.containers.map((c: { name: string }) => c.name), ['web', 'side'])
    assert.equal(web.spec.template.spec.containers[0].image, 'nginx:1.28')
    assert.deepEqual(web.spec.template.spec.containers[0].env.map((e: { name: string }) => e.name), ['A', 'B', 'C'])
    assert.match(await kubectl.ok(['-n', 'demo', 'apply', '-f', fixture('deploy3.yaml')]), /deployment.apps\/web configured/)
    web = await get(['-n', 'demo', 'get', 'deploy', 'web'])
    assert.deepEqual(web.spec.template.spec.containers[0].env.map((e: { name: string }) => e.name), ['A', 'C'])
    const rv = web.metadata.resourceVersion
    assert.match(await kubectl.ok(['-n', 'demo', 'apply', '-f', fixture('deploy3.yaml')]), /deployment.apps\/web unchanged/)
    assert.equal((await get(['-n', 'demo', 'get', 'deploy', 'web'])).metadata.resourceVersion, rv, 'no new revision')
  })

  test('get deployments prints READY, UP-TO-DATE, AVAILABLE', async () => {
    assert.match(await kubectl.ok(['-n', 'demo', 'get', 'deploy']), /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+0\/3\s+0\s+0\s+/)
  })

  test('label, annotate and the three patch types', async () => {
    await kubectl.ok(['-n', 'demo', 'create', '-f', fixture('pod.yaml')])
    assert.match(await kubectl.ok(['-n', 'demo', 'label', 'pod', 'p1', 'tier=web']), /pod\/p1 labeled/)
    const overwrite = await kubectl.run(['-n', 'demo', 'label', 'pod', 'p1', 'tier=db'])
    assert.match(overwrite.stderr, /--overwrite is false/)
    assert.match(await kubectl.ok(['-n', 'demo', 'label', 'pod', 'p1', 'tier-']), /pod\/p1 unlabeled/)
    assert.match(await kubectl.ok(['-n', 'demo', 'annotate', 'pod', 'p1', 'note=hello']), /pod\/p1 annotated/)
    await kubectl.ok(['-n', 'demo', 'patch', 'pod', 'p1', '-p', '{"spec":{"containers":[{"name":"c","image":"nginx:1.30"}]}}'])
    await kubectl.ok(['-n', 'demo', 'patch', 'pod', 'p1', '--type=merge', '-p', '{"metadata":{"labels":{"m":"1"}}}'])
    await kubectl.ok(['-n', 'demo', 'patch', 'pod', 'p1', '--type=json', '-p', '[{"op":"add","path":"/metadata/labels/j","value":"2"}]'])
    const pod = await get(['-n', 'demo', 'get', 'pod', 'p1'])
    assert.equal(pod.spec.containers[0].image, 'nginx:1.30')
    assert.deepEqual(pod.metadata.labels, { app: 'web', m: '1', j: '2' })
    assert.equal(pod.metadata.annotations.note, 'hello')
    const failing = await kubectl.run(['-n', 'demo', 'patch', 'pod', 'p1', '--type=json', '-p', '[{"op":"test","path":"/metadata/name","value":"x"}]'])
    assert.equal(failing.code, 1)
    assert.equal((await get(['-n', 'demo', 'get', 'pod', 'p1'])).metadata.resourceVersion, pod.metadata.resourceVersion)
  })

  test('replace, and a stale replace is a Conflict', async () => {
    const pod = await get(['-n', 'demo', 'get', 'pod', 'p1'])
    pod.metadata.labels.replaced = 'yes'
    const path = kubectl.file('replace.json', JSON.stringify(pod))
    assert.match(await kubectl.ok(['-n', 'demo', 'replace', '-f', path]), /pod\/p1 replaced/)
    const stale = await kubectl.run(['-n', 'demo', 'replace', '-f', path])
    assert.equal(stale.code, 1)
    assert.match(stale.stderr, /Error from server \(Conflict\): .*the object has been modified; please apply your changes to the latest version and try again/)
  })

  test('edit with EDITOR set to a script', async () => {
    const editor = kubectl.file('editor.sh', '#!/bin/sh\nsed -i "s/app: web/app: edited/" "$1"\n')
    chmodSync(editor, 0o755)
    assert.match(await kubectl.ok(['-n', 'demo', 'edit', 'pod', 'p1'], { env: { EDITOR: editor, KUBE_EDITOR: editor } }), /pod\/p1 edited/)
    assert.equal((await get(['-n', 'demo', 'get', 'pod', 'p1'])).metadata.labels.app, 'edited')
  })

  test('scale, with and without --current-replicas', async () => {
    assert.match(await kubectl.ok(['-n', 'demo', 'scale', 'deployment', 'web', '--replicas=5']), /deployment.apps\/web scaled/)
    const web = await get(['-n', 'demo', 'get', 'deploy', 'web'])
    assert.equal(web.spec.replicas, 5)
    await kubectl.ok(['-n', 'demo', 'scale', 'deployment', 'web', '--current-replicas=5', '--replicas=2'])
    assert.equal((await get(['-n', 'demo', 'get', 'deploy', 'web'])).spec.replicas, 2)
    const wrong = await kubectl.run(['-n', 'demo', 'scale', 'deployment', 'web', '--current-replicas=7', '--replicas=1'])
    assert.match(wrong.stderr, /Expected replicas to be 7, was 2/)
  })

  test('delete a pod returns promptly; delete a namespace removes what is in it', async () => {
    const startedMs = Date.now()
    assert.match(await kubectl.ok(['-n', 'demo', 'delete', 'pod', 'p1']), /pod "p1" deleted/)
    assert.ok(Date.now() - startedMs < 10_000)
    const again = await kubectl.run(['-n', 'demo', 'delete', 'pod', 'p1'])
    assert.match(again.stderr, /NotFound/)
    await kubectl.ok(['-n', 'demo', 'run', 'p9', '--image', 'busybox'])
    assert.match(await kubectl.ok(['delete', 'namespace', 'demo'], { input: '' }), /namespace "demo" deleted/)
    assert.doesNotMatch(await kubectl.ok(['get', 'ns', '-o', 'name']), /namespace\/demo/)
    assert.equal((await kubectl.ok(['get', 'pods', '-A', '-o', 'name'])).trim(), '')
  })
})

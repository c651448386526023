import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { eventually } from '../../support/eventually.js'
import { Kubectl, kubectlAvailability } from '../../support/kubectl.js'
import { request, startServer } from '../../support/start-server.js'

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/crd/${name}`, import.meta.url))
const line = (...cells: string[]) => new RegExp(`^${cells.join(String.raw`\s+`)}\s*$`, 'm')

const cronTab = (name: string, spec: Record<string, unknown>) =>
  JSON.stringify({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name }, spec })

// The CronTab walk-through of kube's CRD docs; expected outputs are kube-apiserver 1.32's
// (apiextensions-apiserver validation, pruning, defaulting and tableconvertor).
describe('kubectl: a CustomResourceDefinition end to end', { ...kubectlAvailability() }, () => {
  let server: RunningWatchplane
  let kubectl: Kubectl
  before(async () => {
    server = await startServer()
    kubectl = new Kubectl(server.kubeconfigPath!)
    await kubectl.ok(['apply', '-f', fixture('crontab-crd.yaml')])
  })
  after(() => server.close())

  test('the kind is served at once, and the CRD shows its names accepted and established', async () => {
    const listed = await kubectl.run(['get', 'crontabs'])
    assert.equal(listed.code, 0, listed.stderr)
    assert.match(listed.stderr, /No resources found in default namespace\./)
    const crd = JSON.parse(await kubectl.ok(['get', 'crd', 'crontabs.stable.example.com', '-o', 'json']))
    await eventually(async () => {
      const status = JSON.parse(await kubectl.ok(['get', 'crd', 'crontabs.stable.example.com', '-o', 'json'])).status
      assert.deepEqual(status.conditions.map((c: { type: string; status: string; reason: string }) => [c.type, c.status, c.reason]), [
        ['NamesAccepted', 'True', 'NoConflicts'],
        ['Established', 'True', 'InitialNamesAccepted'],
      ])
      assert.deepEqual(status.acceptedNames, { plural: 'crontabs', singular: 'crontab', shortNames: ['ct'], kind: 'CronTab', listKind: 'CronTabList' })
      assert.deepEqual(status.storedVersions, ['v1'])
    })
    assert.deepEqual(crd.spec.conversion, { strategy: 'None' })
    const resources = await kubectl.ok(['api-resources', '--api-group', 'stable.example.com'])
    assert.match(resources, line('crontabs', 'ct', 'stable.example.com/v1', 'true', 'CronTab'))
  })

  test('an unknown field is pruned (a warning under --validate=warn), a default applied, the table has the printer columns', async () => {
    const path = kubectl.file('my-cron.json', cronTab('my-cron', { cronSpec: '* * * * */5', image: 'my-cron-image', extra: 'pruned' }))
    const created = await kubectl.run(['create', '-f', path, '--validate=warn'])
    assert.equal(created.code, 0, created.stderr)
    assert.match(created.stderr, /Warning: unknown field "spec.extra"/)
    const stored = JSON.parse(await kubectl.ok(['get', 'crontab', 'my-cron', '-o', 'json']))
    assert.deepEqual(stored.spec, { cronSpec: '* * * * */5', image: 'my-cron-image', replicas: 1 })
    const table = await kubectl.ok(['get', 'crontabs'])
    assert.match(table, line('NAME', 'SPEC', 'REPLICAS', 'AGE'))
    assert.match(table, line('my-cron', String.raw`\* \* \* \* \*/5`, '1', String.raw`\d+s`))
    assert.match(await kubectl.ok(['get', 'ct', '-o', 'wide']), line('NAME', 'SPEC', 'REPLICAS', 'IMAGE', 'AGE'))
  })

  test('an unknown field is a 400 under kubectl\'s default strict validation', async () => {
    const path = kubectl.file('strict.json', cronTab('strict', { image: 'x', extra: 1 }))
    const result = await kubectl.run(['create', '-f', path])
    assert.notEqual(result.code, 0)
    assert.match(result.stderr, /CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "spec.extra"/)
  })

  test('invalid objects are refused with their field paths, in kube\'s words (schema, then CEL rules)', async () => {
    const blocked = '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation'
    const cases: [Record<string, unknown>, string[]][] = [
      [{ image: 'x', replicas: 11 }, ['spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10']],
      [{ cronSpec: 5, image: 'x' }, ['spec.cronSpec: Invalid value: "integer": spec.cronSpec in body must be of type string: "integer"', blocked]],
      [{ cronSpec: '* * * * *' }, ['spec.image: Required value', blocked]],
      [{ cronSpec: '', image: 'x' }, ['spec: Invalid value: "object": cronSpec must not be empty']],
    ]
    for (const [spec, causes] of cases) {
      const result = await kubectl.run(['create', '-f', kubectl.file('bad.json', cronTab('bad', spec))])
      assert.notEqual(result.code, 0)
      // kubectl prints one cause after the colon, several as a list.
      const expected = causes.length === 1 ? `The CronTab "bad" is invalid: ${causes[0]}` : `The CronTab "bad" is invalid: \n${causes.map((c) => `* ${c}`).join('\n')}`
      assert.ok(result.stderr.includes(expected), result.stderr)
    }
  })

  test('kubectl explain prints the schema\'s descriptions', async () => {
    const explained = await kubectl.ok(['explain', 'crontab.spec'])
    assert.match(explained, /KIND:\s+CronTab/)
    assert.match(explained, /The desired schedule and command\./)
    assert.match(explained, /image\s+<string> -required-\n\s+The image to run\./)
    assert.match(explained, /replicas\s+<integer>\n\s+How many copies to run\./)
  })

  test('scale writes replicas through specReplicasPath; status changes only through /status', async () => {
    await kubectl.ok(['create', '-f', kubectl.file('scaled.json', cronTab('scaled', { image: 'x' }))])
    await kubectl.ok(['scale', 'crontab', 'scaled', '--replicas=3'])
    assert.equal(await kubectl.ok(['get', 'crontab', 'scaled', '-o', 'jsonpath={.spec.replicas}']), '3')
    await kubectl.ok(['patch', 'crontab', 'scaled', '--type=merge', '-p', '{"status":{"replicas":9}}'])
    assert.equal(await kubectl.ok(['get', 'crontab', 'scaled', '-o', 'jsonpath={.status.replicas}']), '')
    await kubectl.ok(['patch', 'crontab', 'scaled', '--subresource=status', '--type=merge', '-p', '{"status":{"replicas":2,"labelSelector":"app=x"}}'])
    const scale = await request(server.url, '/apis/stable.example.com/v1/namespaces/default/crontabs/scaled/scale')
    assert.deepEqual([scale.body.spec, scale.body.status], [{ replicas: 3 }, { replicas: 2, selector: 'app=x' }])
    const smp = await kubectl.run(['patch', 'crontab', 'scaled', '--type=strategic', '-p', '{"spec":{"replicas":4}}'])
    assert.notEqual(smp.code, 0)
    assert.match(smp.stderr, /the body of the request was in an unknown format - accepted media types include: application\/json-patch\+json, application\/merge-patch\+json, application\/apply-patch\+yaml/)
  })

  test('client-side apply twice (JSON merge patch) and server-side apply of a custom resource', async () => {
    const path = kubectl.file('applied.json', cronTab('applied', { image: 'one' }))
    assert.match(await kubectl.ok(['apply', '-f', path]), /crontab.stable.example.com\/applied created/)
    kubectl.file('applied.json', cronTab('applied', { image: 'two' }))
    assert.match(await kubectl.ok(['apply', '-f', path]), /crontab.stable.example.com\/applied configured/)
    const serverSide = kubectl.file('ssa.json', cronTab('ssa', { image: 'three', cronSpec: '0 * * * *' }))
    assert.match(await kubectl.ok(['apply', '--server-side', '-f', serverSide]), /crontab.stable.example.com\/ssa serverside-applied/)
    const object = JSON.parse(await kubectl.ok(['get', 'crontab', 'ssa', '-o', 'json', '--show-managed-fields']))
    const apply = object.metadata.managedFields.find((e: { operation: string }) => e.operation === 'Apply')
    assert.equal(apply.manager, 'kubectl')
    assert.equal(apply.apiVersion, 'stable.example.com/v1')
    assert.deepEqual(apply.fieldsV1['f:spec'], { 'f:cronSpec': {}, 'f:image': {} })
  })

  test('kubectl get -w streams ADDED, MODIFIED and DELETED', async () => {
    const watch = kubectl.background(['get', 'crontabs', '-w', '--output-watch-events'])
    try {
      await eventually(() => assert.match(watch.output(), line('ADDED', 'my-cron', String.raw`\* \* \* \* \*/5`, '1', String.raw`\S+`)))
      await kubectl.ok(['create', '-f', kubectl.file('watched.json', cronTab('watched', { image: 'x', cronSpec: 'a' }))])
      await eventually(() => assert.match(watch.output(), line('ADDED', 'watched', 'a', '1', String.raw`\S+`)))
      await kubectl.ok(['patch', 'crontab', 'watched', '--type=merge', '-p', '{"spec":{"cronSpec":"b"}}'])
      await eventually(() => assert.match(watch.output(), line('MODIFIED', 'watched', 'b', '1', String.raw`\S+`)))
      await kubectl.ok(['delete', 'crontab', 'watched'])
      await eventually(() => assert.match(watch.output(), line('DELETED', 'watched', 'b', '1', String.raw`\S+`)))
    } finally {
      watch.child.kill()
    }
  })
})

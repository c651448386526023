import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { decodeProtobufObject, PROTOBUF_MEDIA_TYPE } from '../../../src/api/protobuf/decode-protobuf-object.js'
import { kubeconfigFor } from '../../../src/kubeconfig.js'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { Kubectl, kubectlAvailability } from '../../support/kubectl.js'
import { startRecordingProxy, type RecordingProxy } from '../../support/recording-proxy.js'
import { request, startServer } from '../../support/start-server.js'
import { type ImperativeCommand, imperativeCommands, writeInputFiles } from './imperative-commands.js'

/** Every key of `expected` is in `actual` with the same value; arrays match element by element. */
function assertContains(actual: unknown, expected: unknown, path = ''): void {
  if (expected === null || typeof expected !== 'object') return assert.deepEqual(actual, expected, path)
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `${path}: ${JSON.stringify(actual)}`)
    return expected.forEach((item, i) => assertContains(actual[i], item, `${path}[${i}]`))
  }
  assert.ok(actual !== null && typeof actual === 'object', `${path}: ${JSON.stringify(actual)}`)
  for (const [key, value] of Object.entries(expected)) assertContains((actual as Record<string, unknown>)[key], value, `${path}.${key}`)
}

/** The flags go before `--`, which starts a container command. */
function withFlags(args: string[], flags: string[]): string[] {
  const dashes = args.indexOf('--')
  return dashes < 0 ? [...args, ...flags] : [...args.slice(0, dashes), ...flags, ...args.slice(dashes)]
}

function bodyKindOf(expected: Record<string, unknown>) {
  const apiVersion = expected.apiVersion as string
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion]
  return { group: group!, version: version!, kind: expected.kind as string }
}

describe('kubectl create …: protobuf bodies decode to the object kubectl means, and are stored', { ...kubectlAvailability() }, () => {
  let server: RunningWatchplane
  let proxy: RecordingProxy
  let kubectl: Kubectl
  let commands: ImperativeCommand[]
  const servedResources = new Set<string>()

  before(async () => {
    server = await startServer()
    proxy = await startRecordingProxy(server.url)
    kubectl = new Kubectl('unused')
    const kubeconfigPath = join(kubectl.workDir, 'kubeconfig')
    writeFileSync(kubeconfigPath, kubeconfigFor(proxy.url))
    kubectl = new Kubectl(kubeconfigPath, kubectl.workDir)
    writeInputFiles(kubectl.workDir)
    commands = imperativeCommands(kubectl.workDir)
    // Kinds another change serves later are still decoded and checked; their stored object only once served.
    const groups = (await request(server.url, '/apis')).body.groups.map((g: { preferredVersion: { groupVersion: string } }) => `/apis/${g.preferredVersion.groupVersion}`)
    for (const path of ['/api/v1', ...groups]) {
      const group = path === '/api/v1' ? '' : path.split('/')[2]
      for (const r of (await request(server.url, path)).body.resources) servedResources.add(group ? `${r.name}.${group}` : r.name)
    }
  })
  after(async () => {
    await proxy.close()
    await server.close()
  })

  test('every command: the dry-run object, the decoded protobuf body, the output line and the stored object', async () => {
    for (const command of commands) {
      const label = `kubectl ${command.args.join(' ')}`
      if (command.hasDryRun !== false) {
        const dryRun = JSON.parse(await kubectl.ok(withFlags(command.args, ['--dry-run=client', '-o', 'json'])))
        assert.deepEqual(dryRun, command.expected, `${label}: the Go object kubectl means`)
      }
      const sentBefore = proxy.recorded.length
      const result = await kubectl.run(command.args)
      const sent = proxy.recorded.slice(sentBefore).filter((r) => r.method === 'POST')
      assert.equal(sent.length, 1, `${label}: one POST (${result.stderr})`)
      assert.equal(sent[0]!.contentType, PROTOBUF_MEDIA_TYPE, label)
      const decoded = decodeProtobufObject(sent[0]!.body, bodyKindOf(command.expected))
      assert.deepEqual(decoded, command.expected, `${label}: the decoded protobuf body`)
      if (!servedResources.has(command.resource) || command.line === '') continue
      assert.equal(result.code, 0, `${label}: ${result.stderr}`)
      assert.equal(result.stdout.trim(), command.line, label)
      const name = (command.expected.metadata as { name: string }).name
      const stored = await request(server.url, `${sent[0]!.path.split('?')[0]}/${name}`)
      assert.equal(stored.status, 200, label)
      const { creationTimestamp: _, ...sentMeta } = command.expected.metadata as Record<string, unknown>
      assertContains(stored.body, { ...command.expected, metadata: sentMeta }, label)
      assert.match(stored.body.metadata.creationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, label)
    }
  })

  test('the commands of the kinds served today all succeeded against the server', () => {
    for (const resource of ['namespaces', 'configmaps', 'secrets', 'deployments.apps', 'jobs.batch', 'cronjobs.batch', 'services', 'serviceaccounts']) {
      assert.ok(servedResources.has(resource), resource)
    }
  })
})

import assert from 'node:assert/strict'
import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import type { RunningWatchplane } from '../../src/start-watchplane.js'
import { bindUsers } from '../support/bind-users.js'
import { eventually } from '../support/eventually.js'
import { runCli } from '../support/run-cli.js'
import { namespaceSettled, request, startServer, tempDataDir } from '../support/start-server.js'
import { openChunkedWatch } from './watch/chunked-watch.js'


async function cliOk(...args: string[]): Promise<string> {
  const result = await runCli(...args)
  assert.equal(result.code, 0, `watchplane ${args.join(' ')} failed: ${result.stderr}`)
  return result.stdout
}

/** A server over a data dir of its own that outlives it; `use` gets both, everything is removed after. */
async function withServer(use: (server: RunningWatchplane) => Promise<void>): Promise<void> {
  const server = await startServer({ dataDir: tempDataDir() })
  // RBAC judges everyone but system:masters: jane, whose edits the history shows, may edit.
  await bindUsers(server, { name: 'jane-edit', role: { kind: 'ClusterRole', name: 'edit' }, users: ['jane'] })
  try {
    await use(server)
  } finally {
    await server.close()
    rmSync(server.dataDir, { recursive: true, force: true })
  }
}

/** Sends as the server's admin, or as `as` (impersonated: the change is then recorded as theirs). */
async function send(server: RunningWatchplane, method: string, path: string, body?: unknown, as?: string): Promise<any> {
  const contentType = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json'
  const headers: Record<string, string> = as ? { 'Impersonate-User': as } : {}
  const response = await request(server.url, path, { method, headers, ...(body === undefined ? {} : { body, contentType }) })
  assert.ok(response.status < 300, `${method} ${path}: ${response.status} ${response.text}`)
  return response.body
}

// Without a service account token: the merge patch below replaces the containers, and would take
// the token mount the ServiceAccount admission plugin adds with it (which kube would refuse).
const pod = (image: string) => ({ metadata: { name: 'web-0', labels: { app: 'web' } }, spec: { automountServiceAccountToken: false, containers: [{ name: 'c', image }] } })
const PODS = '/api/v1/namespaces/demo/pods'

describe('watchplane history', () => {
  test('shows every revision of a pod changed five times, deleted and re-created, with who and what changed', () => withServer(async (server) => {
    await send(server, 'POST', '/api/v1/namespaces', { metadata: { name: 'demo' } })
    await send(server, 'POST', `${PODS}?fieldManager=e2e-create`, pod('nginx:1.25'))
    await send(server, 'PATCH', `${PODS}/web-0?fieldManager=kubectl-label`, { metadata: { labels: { tier: 'web' } } })
    await send(server, 'PATCH', `${PODS}/web-0?fieldManager=kubectl-edit`, { spec: { containers: [{ name: 'c', image: 'nginx:1.26' }] } }, 'jane')
    await send(server, 'PATCH', `${PODS}/web-0?fieldManager=kubectl-annotate`, { metadata: { annotations: { note: 'hello world' } } })
    await send(server, 'PATCH', `${PODS}/web-0?fieldManager=kubectl-label`, { metadata: { labels: { tier: null } } })
    const current = await send(server, 'GET', `${PODS}/web-0`)
    await send(server, 'PUT', `${PODS}/web-0?fieldManager=e2e-update`, { ...current, metadata: { ...current.metadata, labels: { ...current.metadata.labels, version: 'v2' } } })
    await send(server, 'DELETE', `${PODS}/web-0`)
    await send(server, 'POST', PODS, pod('nginx:1.27'))

    // Read while the server runs: WAL lets a read-only reader in beside the writer.
    const out = await cliOk('history', 'pods/web-0', '-n', 'demo', '--data-dir', server.dataDir)
    const headers = [...out.matchAll(/^#(\d+)\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s+(ADDED|MODIFIED|DELETED)\s+(\w+)(?: by (\S+))? as (\S+)/gm)]
    const admin = 'kubernetes-admin'
    assert.deepEqual(headers.map((h) => [h[2], h[3], h[4], h[5]]), [
      ['ADDED', 'create', 'e2e-create', admin], ['MODIFIED', 'patch', 'kubectl-label', admin], ['MODIFIED', 'patch', 'kubectl-edit', 'jane'],
      ['MODIFIED', 'patch', 'kubectl-annotate', admin], ['MODIFIED', 'patch', 'kubectl-label', admin], ['MODIFIED', 'update', 'e2e-update', admin],
      ['DELETED', 'delete', undefined, admin], ['ADDED', 'create', undefined, admin],
    ])
    assert.match(out, /^pods demo\/web-0: 8 retained revisions/)
    const revisions = headers.map((h) => Number(h[1]))
    assert.deepEqual(revisions, [...revisions].sort((a, b) => a - b))
    for (const line of ['+ metadata.labels.tier: web', '~ spec.containers[0].image: nginx:1.25 → nginx:1.26', '+ metadata.annotations.note: "hello world"',
      '- metadata.labels.tier: web', '+ metadata.labels.version: v2', '(re-created; compared with the object as it was deleted)', '~ spec.containers[0].image: nginx:1.26 → nginx:1.27']) {
      assert.ok(out.includes(`\n    ${line}\n`), `expected the line ${JSON.stringify(line)} in\n${out}`)
    }
    assert.ok(!/resourceVersion|managedFields/.test(out), 'bookkeeping is left out of the readable diff')

    assert.equal(await cliOk('history', 'po', 'web-0', '-n', 'demo', '--data-dir', server.dataDir), out, 'short name and two-argument form')
    const json = JSON.parse(await cliOk('history', 'pod/web-0', '-n', 'demo', '-o', 'json', '--data-dir', server.dataDir))
    assert.deepEqual(json.revisions.map((r: { revision: number }) => r.revision), revisions)
    assert.deepEqual(json.revisions[2].diff.find((op: { path: string }) => op.path.startsWith('/spec')), { op: 'replace', path: '/spec/containers/0/image', value: 'nginx:1.26' })

    const missing = await runCli('history', 'pods/nope', '-n', 'demo', '--data-dir', server.dataDir)
    assert.notEqual(missing.code, 0)
    assert.match(missing.stderr, /no history for pods demo\/nope/)
  }))
})

describe('watchplane replay', () => {
  test('NDJSON equals what a watch from the same revision sees, up to --to', () => withServer(async (server) => {
    await send(server, 'POST', '/api/v1/namespaces', { metadata: { name: 'demo' } })
    await send(server, 'POST', '/api/v1/namespaces', { metadata: { name: 'other' } })
    await Promise.all(['demo', 'other'].map((ns) => namespaceSettled(server.url, ns)))
    const from = server.currentRevision() + 1
    for (const name of ['a', 'b']) await send(server, 'POST', PODS, { ...pod('nginx:1'), metadata: { name } })
    await send(server, 'POST', '/api/v1/namespaces/other/pods', { ...pod('nginx:1'), metadata: { name: 'c' } })
    await send(server, 'POST', '/api/v1/namespaces/demo/configmaps', { metadata: { name: 'not-a-pod' } })
    await send(server, 'PATCH', `${PODS}/a?fieldManager=kubectl-edit`, { metadata: { labels: { v: '2' } } })
    await send(server, 'DELETE', `${PODS}/b`)
    const to = server.currentRevision()
    await send(server, 'PATCH', `${PODS}/a`, { metadata: { labels: { v: '3' } } }) // after --to: left out

    const replayed = (await cliOk('replay', '--from', String(from), '--to', String(to), '--resource', 'po', '--namespace', 'demo', '--data-dir', server.dataDir))
      .trimEnd().split('\n').map((line) => JSON.parse(line))
    const watch = await openChunkedWatch(server.url, `${PODS}?watch=1&resourceVersion=${from - 1}`)
    try {
      await eventually(() => assert.ok(watch.events.some((e) => Number(e.object.metadata.resourceVersion) > to)))
    } finally {
      watch.close()
    }
    const watched = watch.events.filter((e) => Number(e.object.metadata.resourceVersion) <= to)
    assert.equal(replayed.length, 4)
    assert.deepEqual(replayed.map((r) => ({ type: r.type, object: r.object })), watched)
    for (const r of replayed) {
      assert.deepEqual([r.resource, r.namespace, r.name, String(r.revision)], ['pods', 'demo', r.object.metadata.name, r.object.metadata.resourceVersion])
    }

    const timeline = await cliOk('replay', '--from', String(from), '--to', String(to), '-o', 'timeline', '--data-dir', server.dataDir)
    const lines = timeline.trimEnd().split('\n')
    assert.equal(lines.length, 6, 'every resource and namespace when not narrowed')
    assert.match(lines[4]!, new RegExp(`^#${to - 1} \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ MODIFIED pods demo/a \\(kubectl-edit as kubernetes-admin\\)$`))
    assert.match(lines[3]!, /^#\d+ \S+ ADDED configmaps demo\/not-a-pod \(.+\)$/)
  }))
})

describe('watchplane export and import', () => {
  test('a bundle imported into an empty data dir serves the same list at every retained revision', () => withServer(async (server) => {
    const CMS = '/api/v1/namespaces/demo/configmaps'
    await send(server, 'POST', '/api/v1/namespaces', { metadata: { name: 'demo' } })
    const cm = (name: string, v: string) => ({ metadata: { name }, data: { v } })
    for (const name of ['a', 'b', 'c']) await send(server, 'POST', CMS, cm(name, '1'))
    await send(server, 'PATCH', `${CMS}/a`, { data: { v: '2' } })
    await send(server, 'DELETE', `${CMS}/b`)
    const compactTo = server.currentRevision()
    await send(server, 'PUT', `${CMS}/c?fieldManager=e2e`, cm('c', '2'))
    await send(server, 'POST', CMS, cm('b', '2'))
    await send(server, 'DELETE', `${CMS}/a`)
    await send(server, 'PATCH', `${CMS}/b`, { data: { w: 'x' } })
    await server.compact(compactTo)

    const bundle = join(server.dataDir, 'history.ndjson.gz')
    const exported = await runCli('export', '--data-dir', server.dataDir, '--out', bundle)
    assert.equal(exported.code, 0, exported.stderr)
    const copyDir = tempDataDir()
    try {
      const imported = await runCli('import', '--data-dir', copyDir, '--in', bundle)
      assert.equal(imported.code, 0, imported.stderr)
      assert.match(imported.stderr, new RegExp(`compacted up to #${compactTo}`))
      const copy = await startServer({ dataDir: copyDir })
      try {
        assert.equal(copy.currentRevision(), server.currentRevision())
        for (let at = compactTo; at <= server.currentRevision(); at++) {
          const path = `${CMS}?resourceVersion=${at}&resourceVersionMatch=Exact`
          const [want, got] = await Promise.all([request(server.url, path), request(copy.url, path)])
          assert.equal(got.status, 200, got.text)
          assert.deepEqual(got.body, want.body, `the list at revision ${at}`)
        }
        const older = await request(copy.url, `${CMS}?resourceVersion=${compactTo - 1}&resourceVersionMatch=Exact`)
        assert.equal(older.status, 410, 'the compaction point came along')
      } finally {
        await copy.close()
      }
      const history = async (dataDir: string) => JSON.parse(await cliOk('history', 'cm/c', '-n', 'demo', '-o', 'json', '--data-dir', dataDir))
      assert.deepEqual(await history(copyDir), await history(server.dataDir), 'who and when came along too')
    } finally {
      rmSync(copyDir, { recursive: true, force: true })
    }
  }))

  test('import refuses a data dir that is not empty, and leaves it as it was', () => withServer(async (server) => {
    const bundle = join(server.dataDir, 'history.ndjson.gz')
    await cliOk('export', '--data-dir', server.dataDir, '--out', bundle)
    const before = readdirSync(server.dataDir).sort()
    const refused = await runCli('import', '--data-dir', server.dataDir, '--in', bundle)
    assert.notEqual(refused.code, 0)
    assert.match(refused.stderr, /refusing to import into .*: it is not empty/)
    assert.deepEqual(readdirSync(server.dataDir).sort(), before)
  }))
})

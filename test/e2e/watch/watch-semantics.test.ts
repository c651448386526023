import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { eventually } from '../../support/eventually.js'
import { namespaceSettled, request, startServer } from '../../support/start-server.js'
import { describeEvents, openChunkedWatch, type ChunkedWatch, type WatchEvent } from './chunked-watch.js'

// k8s-contract.md §2.8, §2.10 and §2.12 over chunked HTTP, against a real server.

const BOOKMARK_INTERVAL_MS = 200

const podBody = (name: string, labels: Record<string, string> = {}) => ({
  metadata: { name, labels },
  spec: { containers: [{ name: 'c', image: 'busybox' }] },
})

const names = (events: WatchEvent[]) => events.map((e) => `${e.type} ${e.object.metadata.name ?? ''}`)

describe('chunked watch semantics', () => {
  let server: RunningWatchplane
  const watches: ChunkedWatch[] = []

  before(async () => {
    server = await startServer({ bookmarkIntervalMs: BOOKMARK_INTERVAL_MS })
  })
  after(async () => {
    for (const watch of watches) watch.close()
    await server.close()
  })

  async function watch(path: string): Promise<ChunkedWatch> {
    const opened = await openChunkedWatch(server.url, path)
    watches.push(opened)
    return opened
  }

  async function namespace(name: string): Promise<string> {
    const created = await request(server.url, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name } } })
    assert.equal(created.status, 201, created.text)
    // Its controllers give every namespace a kube-root-ca.crt config map: wait for it, so it is part of the start state.
    await namespaceSettled(server.url, name)
    return name
  }

  async function write(method: string, path: string, body?: unknown): Promise<any> {
    const contentType = method === 'PATCH' ? 'application/merge-patch+json' : undefined
    const answer = await request(server.url, path, { method, body, ...(contentType ? { contentType } : {}) })
    assert.ok(answer.status === 200 || answer.status === 201, `${method} ${path}: ${answer.status} ${answer.text}`)
    return answer.body
  }

  const listRevision = async (path: string) => (await request(server.url, path)).body.metadata.resourceVersion as string

  test('allowWatchBookmarks=true gets periodic BOOKMARKs carrying only a current resourceVersion; without it none', async () => {
    const ns = await namespace('bookmarks')
    const from = await listRevision(`/api/v1/namespaces/${ns}/configmaps`)
    const withBookmarks = await watch(`/api/v1/namespaces/${ns}/configmaps?watch=1&resourceVersion=${from}&allowWatchBookmarks=true`)
    const without = await watch(`/api/v1/namespaces/${ns}/configmaps?watch=1&resourceVersion=${from}`)
    const made = await write('POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: 'cm' } })
    const bookmarksAfterWrite = () =>
      withBookmarks.events.filter((e) => e.type === 'BOOKMARK' && Number(e.object.metadata.resourceVersion) >= Number(made.metadata.resourceVersion))
    await eventually(() => assert.ok(bookmarksAfterWrite().length >= 2, 'two bookmarks after the write'), { timeoutMs: 5000 })

    const [bookmark] = bookmarksAfterWrite()
    assert.deepEqual(bookmark!.object, { kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: bookmark!.object.metadata.resourceVersion } })
    const addedAt = withBookmarks.events.findIndex((e) => e.type === 'ADDED')
    assert.ok(addedAt >= 0 && addedAt < withBookmarks.events.indexOf(bookmark!), 'the write comes before any bookmark that covers it')
    const bookmarkRevisions = withBookmarks.events.filter((e) => e.type === 'BOOKMARK').map((e) => Number(e.object.metadata.resourceVersion))
    assert.ok(bookmarkRevisions.every((r, i) => i === 0 || r >= bookmarkRevisions[i - 1]!), 'bookmarks never go back')
    await eventually(() => assert.deepEqual(names(without.events), ['ADDED cm']))
    assert.ok(!without.isEnded(), 'the watch without bookmarks stays open')
  })

  test('streaming list: current state as ADDED, the initial-events-end BOOKMARK at the snapshot revision, then live events', async () => {
    const ns = await namespace('streaming')
    for (const name of ['b', 'a', 'c']) await write('POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name } })
    await write('DELETE', `/api/v1/namespaces/${ns}/configmaps/c`)
    const snapshotRevision = await listRevision(`/api/v1/namespaces/${ns}/configmaps`)
    const stream = await watch(`/api/v1/namespaces/${ns}/configmaps?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`)
    await eventually(() => assert.ok(stream.events.some((e) => e.type === 'BOOKMARK'), 'the initial-events-end bookmark arrived'))
    const live = await write('POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: 'd' } })
    await eventually(() => assert.ok(stream.events.some((e) => e.object.metadata.name === 'd'), 'the live event arrived'))

    const withoutPeriodicBookmarks = stream.events.filter((e) => e.type !== 'BOOKMARK' || e.object.metadata.annotations)
    assert.deepEqual(names(withoutPeriodicBookmarks), ['ADDED a', 'ADDED b', 'ADDED kube-root-ca.crt', 'BOOKMARK ', 'ADDED d'])
    const end = withoutPeriodicBookmarks[3]!.object
    assert.deepEqual(end.metadata, { resourceVersion: snapshotRevision, annotations: { 'k8s.io/initial-events-end': 'true' } })
    assert.equal(end.kind, 'ConfigMap')
    assert.equal(withoutPeriodicBookmarks[4]!.object.metadata.resourceVersion, live.metadata.resourceVersion)
  })

  test('sendInitialEvents=false with a resourceVersion is a plain watch from it: no initial state, no end bookmark', async () => {
    const ns = await namespace('no-initial')
    await write('POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: 'old' } })
    const from = await listRevision(`/api/v1/namespaces/${ns}/configmaps`)
    const stream = await watch(`/api/v1/namespaces/${ns}/configmaps?watch=1&sendInitialEvents=false&resourceVersionMatch=NotOlderThan&resourceVersion=${from}`)
    await write('POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: 'new' } })
    await eventually(() => assert.deepEqual(names(stream.events), ['ADDED new']))
  })

  test('a watch from a compacted resourceVersion gets one ERROR 410 Expired, then the stream ends', async () => {
    const ns = await namespace('compacted-watch')
    const old = await write('POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: 'x' } })
    await write('PATCH', `/api/v1/namespaces/${ns}/configmaps/x`, { data: { v: '2' } })
    await write('POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: 'y' } })
    await server.compact(server.currentRevision())

    const stream = await watch(`/api/v1/namespaces/${ns}/configmaps?watch=1&resourceVersion=${old.metadata.resourceVersion}`)
    assert.equal(stream.status, 200)
    await stream.ended
    assert.equal(stream.events.length, 1, JSON.stringify(stream.events))
    const [error] = stream.events
    assert.equal(error!.type, 'ERROR')
    assert.equal(error!.object.kind, 'Status')
    assert.equal(error!.object.apiVersion, 'v1')
    assert.equal(error!.object.status, 'Failure')
    assert.equal(error!.object.code, 410)
    assert.equal(error!.object.reason, 'Expired')
    assert.match(error!.object.message, /too old resource version/)
  })

  test('a list at a compacted resourceVersion is served not-older-than (200, current state); Exact is 410', async () => {
    const ns = await namespace('compacted-list')
    const old = await write('POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: 'x' } })
    await write('PATCH', `/api/v1/namespaces/${ns}/configmaps/x`, { data: { v: '2' } })
    await server.compact(server.currentRevision())
    const current = String(server.currentRevision())
    const rv = old.metadata.resourceVersion as string
    const cases = [
      { query: `resourceVersion=${rv}`, wantCode: 200 },
      { query: `resourceVersion=${rv}&resourceVersionMatch=NotOlderThan`, wantCode: 200 },
      { query: `resourceVersion=${rv}&resourceVersionMatch=Exact`, wantCode: 410 },
    ]
    for (const c of cases) {
      const listed = await request(server.url, `/api/v1/namespaces/${ns}/configmaps?${c.query}`)
      assert.equal(listed.status, c.wantCode, `${c.query}: ${listed.text}`)
      if (c.wantCode !== 200) continue
      assert.equal(listed.body.metadata.resourceVersion, current, c.query)
      const items = listed.body.items.filter((i: any) => i.metadata.name !== 'kube-root-ca.crt')
      assert.deepEqual(items.map((i: any) => [i.metadata.name, i.data]), [['x', { v: '2' }]], c.query)
    }
  })

  test('a continue token older than the compacted revision is 410 in kube\'s words; the as-of view there is 410, in the future 504', async () => {
    const ns = await namespace('compacted-continue')
    const path = `/api/v1/namespaces/${ns}/secrets`
    for (const name of ['s1', 's2', 's3']) await write('POST', path, { metadata: { name } })
    const first = await request(server.url, `${path}?limit=1`)
    const token = first.body.metadata.continue as string
    const listedAt = Number(first.body.metadata.resourceVersion)
    await write('DELETE', `${path}/s2`)
    await server.compact(server.currentRevision())
    const next = await request(server.url, `${path}?limit=1&continue=${encodeURIComponent(token)}`)
    assert.equal(next.status, 410, next.text)
    assert.equal(next.body.reason, 'Expired')
    // staging/apiserver/pkg/storage/etcd3/errors.go: continueExpired
    assert.equal(next.body.message, 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.')
    const asOf = await request(server.url, `/as-of/${listedAt}${path}`)
    assert.equal(asOf.status, 410, asOf.text)
    assert.equal(asOf.body.message, `too old resource version: ${listedAt} (${server.currentRevision()})`)
    const future = await request(server.url, `/as-of/${server.currentRevision() + 100}${path}`)
    assert.equal(future.status, 504, future.text)
    assert.equal(future.body.details.causes[0].reason, 'ResourceVersionTooLarge')
  })

  test('a label selector watch sees an object labelled in as ADDED and labelled out as DELETED', async () => {
    const ns = await namespace('transitions')
    const pods = `/api/v1/namespaces/${ns}/pods`
    const from = await listRevision(pods)
    const web = await watch(`${pods}?watch=1&labelSelector=app%3Dweb&resourceVersion=${from}`)

    await write('POST', pods, podBody('p', { app: 'db' }))
    const labelledIn = await write('PATCH', `${pods}/p`, { metadata: { labels: { app: 'web' } } })
    const touched = await write('PATCH', `${pods}/p`, { metadata: { annotations: { note: 'hi' } } })
    const labelledOut = await write('PATCH', `${pods}/p`, { metadata: { labels: { app: 'db' } } })
    await write('DELETE', `${pods}/p`)
    const createdQ = await write('POST', pods, podBody('q', { app: 'web' }))
    const deleted = await write('DELETE', `${pods}/q`)
    const sentinel = await write('POST', pods, podBody('sentinel', { app: 'web' }))

    await eventually(() => assert.ok(web.events.some((e) => e.object.metadata.name === 'sentinel'), 'the sentinel arrived'))
    const rv = (o: any) => o.metadata.resourceVersion as string
    assert.deepEqual(describeEvents(web.events), [
      `ADDED p@${rv(labelledIn)}`,
      `MODIFIED p@${rv(touched)}`,
      `DELETED p@${rv(labelledOut)}`,
      `ADDED q@${rv(createdQ)}`,
      `DELETED q@${rv(deleted)}`,
      `ADDED sentinel@${rv(sentinel)}`,
    ])
    assert.deepEqual(web.events[2]!.object.metadata.labels, { app: 'web' }, 'the labelled-out DELETED shows the last matching state')
  })

  // Behaviour, not speed (issue 11): never before its time, and not hanging long after it on a loaded machine.
  test('timeoutSeconds ends the stream, not before its time; a watch without it stays open through 3 s of silence', async () => {
    const ns = await namespace('timeouts')
    const path = `/api/v1/namespaces/${ns}/configmaps?watch=1`
    const untimed = await watch(path)
    const timed = await Promise.all([1, 3].map(async (seconds) => {
      const requestedMs = Date.now()
      const stream = await watch(`${path}&timeoutSeconds=${seconds}`)
      const openedMs = Date.now()
      await stream.ended
      return { seconds, sinceRequestMs: Date.now() - requestedMs, sinceOpenMs: Date.now() - openedMs }
    }))
    for (const { seconds, sinceRequestMs, sinceOpenMs } of timed) {
      assert.ok(sinceRequestMs >= seconds * 1000 - 20, `timeoutSeconds=${seconds} ended ${sinceRequestMs} ms after the request`)
      assert.ok(sinceOpenMs <= seconds * 1000 + 5000, `timeoutSeconds=${seconds} still open ${sinceOpenMs} ms after its head`)
    }
    assert.ok(!untimed.isEnded(), 'the watch without timeoutSeconds is still open')
    await write('POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: 'late' } })
    // Without a resourceVersion the watch starts with the current state: the namespace's kube-root-ca.crt.
    await eventually(() => assert.deepEqual(names(untimed.events), ['ADDED kube-root-ca.crt', 'ADDED late']))
  })

  const badOptions = [
    { name: 'sendInitialEvents without resourceVersionMatch', query: 'watch=1&sendInitialEvents=true', wantCode: 422, field: 'resourceVersionMatch' },
    { name: 'resourceVersionMatch on a watch without sendInitialEvents', query: 'watch=1&resourceVersionMatch=NotOlderThan', wantCode: 422, field: 'resourceVersionMatch' },
    { name: 'Exact on a streaming list', query: 'watch=1&sendInitialEvents=true&resourceVersionMatch=Exact', wantCode: 422, field: 'resourceVersionMatch' },
    { name: 'sendInitialEvents on a plain list', query: 'sendInitialEvents=true', wantCode: 422, field: 'sendInitialEvents' },
    { name: 'a resourceVersion that is not a number', query: 'watch=1&resourceVersion=abc', wantCode: 400 },
    { name: 'a timeoutSeconds that is not a number', query: 'watch=1&timeoutSeconds=1.5', wantCode: 400 },
    { name: 'an unparsable label selector', query: 'watch=1&labelSelector=app%20in', wantCode: 400 },
  ]
  for (const c of badOptions) {
    test(`refused before streaming: ${c.name} → ${c.wantCode}`, async () => {
      const answer = await request(server.url, `/api/v1/namespaces/default/configmaps?${c.query}`)
      assert.equal(answer.status, c.wantCode, answer.text)
      assert.equal(answer.body.kind, 'Status')
      assert.equal(answer.body.code, c.wantCode)
      if (c.field) assert.ok(answer.body.details.causes.some((cause: any) => cause.field === c.field), answer.text)
    })
  }
})

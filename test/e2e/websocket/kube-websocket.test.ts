import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { eventually } from '../../support/eventually.js'
import { namespaceSettled, request, startServer } from '../../support/start-server.js'
import { createConfigMaps } from '../watch/bulk-writes.js'
import { liveWatchers } from '../watch/server-metrics.js'
import { describeEvents, openChunkedWatch, type WatchEvent } from '../watch/chunked-watch.js'
import { bearerProtocol, openAccepted, openSocket, type OpenSocket } from './ws-client.js'

// Watch URLs served over WebSocket as kube-apiserver serves them (k8s-contract.md §2.11): Origin
// required, at most one subprotocol (echoed) besides the bearer one, one text message per event
// with the chunked stream's bytes.

const ORIGIN = 'http://localhost'
const TOKEN = 'ws-secret-token'
// Bearer cases present no client certificate: the subprotocol is then the only credential.
const BEARER_ONLY = { origin: ORIGIN, withoutClientCertificate: true }
const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json'

const SLOW_READER_EVENTS = 3000

const podBody = (name: string) => ({ metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }] } })
const eventsOf = (socket: OpenSocket): WatchEvent[] => socket.messages.map((m) => JSON.parse(m.text) as WatchEvent)

describe('kube WebSocket watch', () => {
  let server: RunningWatchplane
  const sockets: OpenSocket[] = []

  before(async () => {
    const tokenFile = join(mkdtempSync(join(tmpdir(), 'ws-tokens-')), 'tokens.csv')
    writeFileSync(tokenFile, `${TOKEN},ws-user,ws-uid,"system:masters"\n`)
    server = await startServer({ tokenAuthFile: tokenFile })
    for (const name of ['ws-a', 'ws-b', 'ws-table']) {
      const created = await request(server.url, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name } } })
      assert.equal(created.status, 201, created.text)
    }
    await write('POST', '/api/v1/namespaces/ws-a/pods', podBody('before'))
  })
  after(async () => {
    for (const socket of sockets) socket.ws.terminate()
    await server.close()
  })

  async function accepted(path: string, options: Parameters<typeof openAccepted>[2]): Promise<OpenSocket> {
    const socket = await openAccepted(server.url, path, options)
    sockets.push(socket)
    return socket
  }

  async function write(method: string, path: string, body?: unknown): Promise<void> {
    const contentType = method === 'PATCH' ? 'application/merge-patch+json' : undefined
    const answer = await request(server.url, path, { method, body, ...(contentType ? { contentType } : {}) })
    assert.ok(answer.status === 200 || answer.status === 201, `${method} ${path}: ${answer.status} ${answer.text}`)
  }

  test('a WebSocket watch of /api/v1/pods?watch=1 gets the same events as the chunked watch, one text message each', async () => {
    const chunked = await openChunkedWatch(server.url, '/api/v1/pods?watch=1')
    const socket = await accepted('/api/v1/pods?watch=1', { origin: ORIGIN, protocols: ['v4.channel.k8s.io'] })
    assert.equal(socket.protocol, 'v4.channel.k8s.io', 'the one subprotocol offered is echoed')
    try {
      await write('POST', '/api/v1/namespaces/ws-a/pods', podBody('p1'))
      await write('POST', '/api/v1/namespaces/ws-b/pods', podBody('p2'))
      await write('PATCH', '/api/v1/namespaces/ws-a/pods/p1', { metadata: { labels: { tier: 'web' } } })
      await write('DELETE', '/api/v1/namespaces/ws-b/pods/p2')
      await write('POST', '/api/v1/namespaces/ws-b/pods', podBody('sentinel'))
      const hasSentinel = (events: WatchEvent[]) => events.some((e) => e.object.metadata.name === 'sentinel')
      await eventually(() => assert.ok(hasSentinel(chunked.events) && hasSentinel(eventsOf(socket)), 'both watches saw the sentinel'))

      const overSocket = describeEvents(eventsOf(socket))
      assert.deepEqual(overSocket, describeEvents(chunked.events))
      assert.deepEqual(overSocket.map((e) => e.split('@')[0]), ['ADDED before', 'ADDED p1', 'ADDED p2', 'MODIFIED p1', 'DELETED p2', 'ADDED sentinel'])
      for (const message of socket.messages) {
        assert.equal(message.isBinary, false, 'JSON events are text frames')
        assert.ok(message.text.endsWith('}\n'), 'each message is one chunked-stream line, newline included')
        assert.equal(message.text.indexOf('\n'), message.text.length - 1, 'one event per message')
      }
    } finally {
      chunked.close()
    }
  })

  const handshakes = [
    { name: 'no Origin header', options: { protocols: ['v4.channel.k8s.io'] }, wantStatus: 403 },
    { name: 'an unparsable Origin', options: { origin: 'not a url' }, wantStatus: 403 },
    { name: 'two subprotocols', options: { origin: ORIGIN, protocols: ['v4.channel.k8s.io', 'channel.k8s.io'] }, wantStatus: 400 },
    { name: 'a bearer-token subprotocol alone', options: { ...BEARER_ONLY, protocols: [bearerProtocol(TOKEN)] }, wantStatus: 401 },
    { name: 'two bearer-token subprotocols', options: { ...BEARER_ONLY, protocols: [bearerProtocol(TOKEN), bearerProtocol('another-token'), 'v4.channel.k8s.io'] }, wantStatus: 401 },
    { name: 'a wrong token in the bearer subprotocol', options: { ...BEARER_ONLY, protocols: [bearerProtocol('not-the-token'), 'v4.channel.k8s.io'] }, wantStatus: 401 },
    { name: 'no credentials at all', options: { ...BEARER_ONLY, protocols: ['v4.channel.k8s.io'] }, wantStatus: 401 },
    { name: 'no subprotocol', options: { origin: ORIGIN }, wantStatus: 101, wantProtocol: '' },
    { name: 'the token in a bearer subprotocol plus one other', options: { ...BEARER_ONLY, protocols: [bearerProtocol(TOKEN), 'v4.channel.k8s.io'] }, wantStatus: 101, wantProtocol: 'v4.channel.k8s.io' },
  ]
  for (const c of handshakes) {
    test(`handshake with ${c.name} → ${c.wantStatus}`, async () => {
      const socket = await openSocket(server.url, '/api/v1/namespaces/ws-a/pods?watch=1', c.options)
      if (!socket.isOpen) {
        assert.equal(socket.status, c.wantStatus, socket.body)
        const status = JSON.parse(socket.body)
        assert.equal(status.kind, 'Status')
        assert.equal(status.code, c.wantStatus)
        return
      }
      sockets.push(socket)
      assert.equal(c.wantStatus, 101)
      assert.equal(socket.protocol, c.wantProtocol)
      await eventually(() => assert.ok(eventsOf(socket).some((e) => e.object.metadata.name === 'before'), 'the accepted socket streams events'), { timeoutMs: 2000 })
    })
  }

  test('a Table watch over WebSocket (Accept as=Table) sends one-row Tables, column definitions only in the first', async () => {
    await write('POST', '/api/v1/namespaces/ws-table/pods', podBody('listed'))
    const socket = await accepted('/api/v1/namespaces/ws-table/pods?watch=1', { origin: ORIGIN, headers: { accept: TABLE_ACCEPT } })
    await write('POST', '/api/v1/namespaces/ws-table/pods', podBody('tabled'))
    await write('DELETE', '/api/v1/namespaces/ws-table/pods/listed')
    await eventually(() => assert.equal(eventsOf(socket).length, 3, 'initial ADDED, live ADDED, DELETED'))
    const events = eventsOf(socket)
    for (const event of events) {
      assert.equal(event.object.kind, 'Table')
      assert.equal(event.object.apiVersion, 'meta.k8s.io/v1')
      assert.equal(event.object.rows.length, 1)
      assert.equal(event.object.rows[0].object.kind, 'PartialObjectMetadata')
    }
    assert.ok(events[0]!.object.columnDefinitions.some((column: any) => column.name === 'Name' && column.format === 'name'), 'the first event defines the columns')
    assert.ok(events.slice(1).every((e) => e.object.columnDefinitions == null), 'later events carry no column definitions')
    assert.deepEqual(events.map((e) => `${e.type} ${e.object.rows[0].cells[0]}`), ['ADDED listed', 'ADDED tabled', 'DELETED listed'])
  })

  test('a WebSocket watch from a compacted resourceVersion gets ERROR 410, then a normal close', async () => {
    const listed = await request(server.url, '/api/v1/namespaces/ws-a/pods')
    await write('PATCH', '/api/v1/namespaces/ws-a/pods/before', { metadata: { labels: { tier: 'db' } } })
    await server.compact(server.currentRevision())
    const socket = await accepted(`/api/v1/namespaces/ws-a/pods?watch=1&resourceVersion=${listed.body.metadata.resourceVersion}`, { origin: ORIGIN })
    assert.equal(await socket.closed, 1000)
    assert.deepEqual(eventsOf(socket).map((e) => [e.type, e.object.code, e.object.reason]), [['ERROR', 410, 'Expired']])
  })

  test('a slow reader past its bound catches up from the log: every event once, in order', async () => {
    const own = await startServer({ watchQueueFrames: 64 })
    try {
      const created = await request(own.url, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: 'ws-slow' } } })
      assert.equal(created.status, 201, created.text)
      await namespaceSettled(own.url, 'ws-slow')
      const from = own.currentRevision()
      const socket = await openAccepted(own.url, `/api/v1/namespaces/ws-slow/configmaps?watch=1&resourceVersion=${from}`, { origin: ORIGIN })
      sockets.push(socket)
      const watchersBefore = await liveWatchers(own)
      socket.ws.pause()
      await createConfigMaps(own, 'ws-slow', { prefix: 'slow', count: SLOW_READER_EVENTS })
      assert.equal(await liveWatchers(own), watchersBefore - 1, 'the paused watch overflowed its queue')
      socket.ws.resume()
      await eventually(() => assert.equal(eventsOf(socket).length, SLOW_READER_EVENTS), { timeoutMs: 20_000, intervalMs: 100 })
      const revisions = eventsOf(socket).map((e) => Number(e.object.metadata.resourceVersion))
      assert.ok(revisions.every((r, i) => i === 0 || r > revisions[i - 1]!), 'revisions strictly increase')
      assert.equal(new Set(eventsOf(socket).map((e) => e.object.metadata.name)).size, SLOW_READER_EVENTS, 'each object once')
      assert.ok(eventsOf(socket).every((e) => e.type === 'ADDED'))
    } finally {
      await own.close()
    }
  })
})

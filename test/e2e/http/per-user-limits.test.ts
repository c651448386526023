import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { bindUsers } from '../../support/bind-users.js'
import { eventually } from '../../support/eventually.js'
import { request, startServer, type Response } from '../../support/start-server.js'
import { tokenFile } from '../auth/credentials.js'
import { openChunkedWatch, type ChunkedWatch } from '../watch/chunked-watch.js'
import { openSocket } from '../websocket/ws-client.js'
import { bearerProtocol } from '../websocket/ws-client.js'

// Limits per user in the spirit of API Priority and Fairness: a noisy user waits in a queue of
// their own and gets 429 with Retry-After, a quiet one gets the next seat; watches per user are
// bounded; system:masters (the admin's certificate) is exempt, as in kube's bootstrap flow schemas.

const TOKENS = { noisy: 'token-of-noisy', quiet: 'token-of-quiet' }
const ORIGIN = 'http://localhost'
// A list at a resourceVersion far ahead waits for it (REVISION_WAIT_MS), then 504: a request that
// holds its seat for seconds.
const SLOW_PATH = '/api/v1/namespaces?resourceVersion=999999999&resourceVersionMatch=NotOlderThan'

const asUser = (token: string) => ({ headers: { authorization: `Bearer ${token}` }, withoutClientCertificate: true })

const bindClusterAdmin = (server: RunningWatchplane, users: string[]) =>
  bindUsers(server, { name: 'limit-test-users', role: { kind: 'ClusterRole', name: 'cluster-admin' }, users })

function assertTooMany(answer: Response): void {
  assert.equal(answer.status, 429, answer.text)
  assert.equal(answer.headers.get('retry-after'), '1')
  assert.equal(answer.body.reason, 'TooManyRequests')
  assert.equal(answer.body.details.retryAfterSeconds, 1)
}

describe('fair seats per user', () => {
  let server: RunningWatchplane
  before(async () => {
    server = await startServer({
      tokenAuthFile: tokenFile([`${TOKENS.noisy},noisy,noisy-uid`, `${TOKENS.quiet},quiet,quiet-uid`]),
      maxRequestsInflight: 2, maxQueuedRequestsPerUser: 2, requestQueueWaitMs: 20_000,
    })
    await bindClusterAdmin(server, ['noisy', 'quiet'])
  })
  after(() => server.close())

  test('a noisy user past its queue gets 429 with Retry-After; a quiet user is served before the noisy queue', async () => {
    const finished: string[] = []
    const track = (label: string, pending: Promise<Response>) => pending.then((answer) => {
      finished.push(`${label} ${answer.status}`)
      return answer
    })
    // two seated, two queued, four refused at once
    const noisy = Array.from({ length: 8 }, (_, i) => track(`noisy-${i}`, request(server, SLOW_PATH, asUser(TOKENS.noisy))))
    await eventually(() => assert.equal(finished.filter((f) => f.endsWith(' 429')).length, 4, finished.join(', ')))
    for (const answer of await Promise.all(noisy.slice(4))) assertTooMany(answer)
    // the admin's certificate is in system:masters: no seat needed, answered while every seat is taken
    const admin = await track('admin', request(server, '/api/v1/namespaces'))
    assert.equal(admin.status, 200)
    const quiet = await track('quiet', request(server, '/api/v1/namespaces', asUser(TOKENS.quiet)))
    assert.equal(quiet.status, 200, quiet.text)
    const slow = await Promise.all(noisy.slice(0, 4))
    assert.deepEqual(slow.map((answer) => answer.status), [504, 504, 504, 504], 'the seated and queued noisy requests ran in the end')
    const order = finished.filter((f) => !f.endsWith(' 429'))
    assert.equal(order[0], 'admin 200', order.join(', '))
    const quietAt = order.indexOf('quiet 200')
    assert.ok(order.slice(quietAt + 1).filter((f) => f.startsWith('noisy')).length >= 2, `the quiet request went before the noisy queue: ${order.join(', ')}`)
  })
})

describe('watches per user', () => {
  let server: RunningWatchplane
  const watches: ChunkedWatch[] = []
  before(async () => {
    server = await startServer({ tokenAuthFile: tokenFile([`${TOKENS.noisy},noisy,noisy-uid`]), maxWatchesPerUser: 2 })
    await bindClusterAdmin(server, ['noisy'])
  })
  after(async () => {
    for (const watch of watches) watch.close()
    await server.close()
  })

  test('one watch past the bound gets 429, over chunked HTTP and WebSocket alike; ending one makes room; the admin has no bound', async () => {
    const path = '/api/v1/namespaces/default/configmaps?watch=1'
    for (let i = 0; i < 2; i++) {
      const watch = await openChunkedWatch(server.url, path, { token: TOKENS.noisy })
      watches.push(watch)
      assert.equal(watch.status, 200)
    }
    await eventually(async () => assertTooMany(await request(server, path, asUser(TOKENS.noisy))))
    const socket = await openSocket(server.url, path, { origin: ORIGIN, protocols: [bearerProtocol(TOKENS.noisy), 'v4.channel.k8s.io'], withoutClientCertificate: true })
    assert.equal(socket.isOpen, false)
    if (!socket.isOpen) assert.equal(socket.status, 429)
    for (let i = 0; i < 3; i++) watches.push(await openChunkedWatch(server.url, path))
    assert.ok(watches.slice(2).every((w) => w.status === 200), 'the admin opens as many as it likes')
    watches[0]!.close()
    await eventually(async () => {
      const again = await openChunkedWatch(server.url, path, { token: TOKENS.noisy })
      watches.push(again)
      assert.equal(again.status, 200)
    })
  })
})

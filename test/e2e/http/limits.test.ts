import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { exchangeRaw } from '../../support/raw-connection.js'
import { request, startServer } from '../../support/start-server.js'

const CM = '/api/v1/namespaces/default/configmaps'
const MiB = 1024 * 1024

// The limits a client meets, as kube-apiserver sets them: 3 MiB bodies (413), 3 MiB objects (413
// here; etcd's 1.5 MiB is a 500 in kube), the request deadline (504 after 60 s, or ?timeout=), and
// a request that must arrive in time (408 here; Go closes).
describe('request limits', () => {
  let server: RunningWatchplane
  before(async () => {
    server = await startServer({ requestReadTimeoutMs: 1000 })
  })
  after(() => server.close())

  test('a 5 MiB create is refused 413 and the client reads the Status, after sending its whole body', async () => {
    const body = JSON.stringify({ metadata: { name: 'big' }, data: { a: 'x'.repeat(5 * MiB) } })
    const answer = await request(server.url, CM, { method: 'POST', rawBody: body })
    assert.equal(answer.status, 413)
    assert.deepEqual({ reason: answer.body.reason, message: answer.body.message }, { reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 3145728' })
  })

  test('an upload far past the drain bound reads its 413 before the server closes: no reset mid-upload, no hang', async () => {
    const head = `POST ${CM} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${40 * MiB}\r\n\r\n`
    const chunk = Buffer.alloc(256 * 1024, 'x')
    const result = await exchangeRaw(server.url, { parts: [head, ...Array.from({ length: 160 }, () => chunk)], deadlineMs: 10_000 })
    assert.equal(result.responses[0]?.status, 413, `ending ${result.ending}, rest ${result.rest.slice(0, 80)}`)
    assert.equal(JSON.parse(result.responses[0]!.body).reason, 'RequestEntityTooLarge')
    assert.notEqual(result.ending, 'deadline', 'the server ends the connection')
  })

  test('a request sent on a connection being cut after an oversized body is not served (the client retries it elsewhere)', async () => {
    const oversized = 5 * MiB
    const head = `POST ${CM} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${oversized}\r\n\r\n`
    const next = JSON.stringify({ metadata: { name: 'after-the-cut' } })
    const nextRequest = `POST ${CM} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${next.length}\r\n\r\n${next}`
    const result = await exchangeRaw(server.url, { parts: [head, Buffer.alloc(oversized, 'x'), nextRequest], deadlineMs: 10_000 })
    assert.deepEqual(result.responses.map((r) => r.status), [413], `ending ${result.ending}`)
    assert.notEqual(result.ending, 'deadline', 'the server ends the connection')
    assert.equal((await request(server.url, `${CM}/after-the-cut`)).status, 404, 'the request after the cut was not served')
  })

  test('a patch may not grow an object past 3 MiB: 413, and the object stays as it was', async () => {
    const created = await request(server.url, CM, { method: 'POST', body: { metadata: { name: 'grows' }, data: { a: 'x'.repeat(2 * MiB) } } })
    assert.equal(created.status, 201)
    const patched = await request(server.url, `${CM}/grows`, { method: 'PATCH', contentType: 'application/merge-patch+json', body: { data: { b: 'y'.repeat(1.5 * MiB) } } })
    assert.equal(patched.status, 413)
    assert.deepEqual({ reason: patched.body.reason, message: patched.body.message }, { reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 3145728' })
    const now = await request(server.url, `${CM}/grows`)
    assert.equal(now.body.metadata.resourceVersion, created.body.metadata.resourceVersion)
    assert.equal(now.body.data.b, undefined)
  })

  test('JSON patch copies that double a list stop at 3 MiB copied (422), and the server keeps its memory and serves', async () => {
    assert.equal((await request(server.url, CM, { method: 'POST', body: { metadata: { name: 'copies', finalizers: ['x'.repeat(1024)] } } })).status, 201)
    const doubling = Array.from({ length: 40 }, () => ({ op: 'copy', from: '/metadata/finalizers', path: '/metadata/finalizers/-' }))
    const answer = await request(server.url, `${CM}/copies`, { method: 'PATCH', contentType: 'application/json-patch+json', body: doubling })
    assert.equal(answer.status, 422)
    assert.match(answer.body.message, /^Unable to complete the copy, the accumulated size increase of copy is \d+, exceeding the limit 3145728$/)
    assert.equal((await request(server.url, `${CM}/copies`)).body.metadata.finalizers.length, 1)
  })

  test('?timeout= shorter than the work answers 504 Timeout at the deadline', async () => {
    const head = Number((await request(server.url, CM)).body.metadata.resourceVersion)
    const startedMs = performance.now()
    // a read from a future revision waits up to 3 s: the 300 ms deadline ends it first
    const answer = await request(server.url, `${CM}?resourceVersion=${head + 1000}&resourceVersionMatch=NotOlderThan&timeout=300ms`)
    const elapsedMs = performance.now() - startedMs
    assert.equal(answer.status, 504)
    assert.deepEqual({ reason: answer.body.reason, message: answer.body.message }, { reason: 'Timeout', message: 'Timeout: request did not complete within the allotted timeout' })
    assert.ok(elapsedMs >= 290 && elapsedMs < 2500, `answered after ${elapsedMs.toFixed(0)} ms`)
  })

  test('a malformed ?timeout= is a 400 in the words of Go', async () => {
    const answer = await request(server.url, `${CM}?timeout=5`)
    assert.equal(answer.status, 400)
    assert.equal(answer.body.message, 'invalid timeout specified in the request URL - time: missing unit in duration "5"')
  })

  test('?timeout=0s and one past the maximum leave the server maximum: the request completes', async () => {
    assert.equal((await request(server.url, `${CM}?timeout=0s`)).status, 200)
    assert.equal((await request(server.url, `${CM}?timeout=1000h`)).status, 200)
  })

  test('a request whose body stops arriving gets 408 within the read timeout, then the connection closes', async () => {
    const head = `POST ${CM} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"meta`
    const result = await exchangeRaw(server.url, { parts: [head], deadlineMs: 8000 })
    assert.equal(result.responses[0]?.status, 408, `ending ${result.ending}, rest ${result.rest.slice(0, 80)}`)
    assert.equal(JSON.parse(result.responses[0]!.body).kind, 'Status')
    assert.equal(result.ending, 'closed')
  })
})

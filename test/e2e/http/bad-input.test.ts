import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { request, startServer } from '../../support/start-server.js'

const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'x' }] } })

describe('bad input gets a Status with the right code, and the server keeps serving', () => {
  let server: RunningWatchplane
  before(async () => {
    server = await startServer({ maxBodyBytes: 64 * 1024 })
  })
  after(() => server.close())

  const cases: { name: string; path: string; method?: string; body?: unknown; rawBody?: string; contentType?: string; code: number; reason: string; message?: RegExp }[] = [
    { name: 'malformed JSON', path: '/api/v1/namespaces/default/pods', method: 'POST', rawBody: '{"kind":', code: 400, reason: 'BadRequest' },
    { name: 'a body of the wrong kind', path: '/api/v1/namespaces/default/pods', method: 'POST', body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } }, code: 400, reason: 'BadRequest', message: /cannot be handled as a Pod/ },
    { name: 'a body that is not an object', path: '/api/v1/namespaces/default/pods', method: 'POST', rawBody: '[1,2]', code: 400, reason: 'BadRequest' },
    { name: 'an invalid name', path: '/api/v1/namespaces/default/pods', method: 'POST', body: pod('Bad_Name'), code: 422, reason: 'Invalid', message: /Pod "Bad_Name" is invalid: metadata.name: Invalid value/ },
    { name: 'a missing image', path: '/api/v1/namespaces/default/pods', method: 'POST', body: { ...pod('noimage'), spec: { containers: [{ name: 'c' }] } }, code: 422, reason: 'Invalid', message: /spec.containers\[0\].image: Required value/ },
    { name: 'an oversized body', path: '/api/v1/namespaces/default/configmaps', method: 'POST', body: { metadata: { name: 'big' }, data: { a: 'x'.repeat(100_000) } }, code: 413, reason: 'RequestEntityTooLarge' },
    { name: 'an unsupported media type', path: '/api/v1/namespaces/default/pods', method: 'POST', rawBody: 'x', contentType: 'text/plain', code: 415, reason: 'UnsupportedMediaType' },
    { name: 'an unknown resource', path: '/api/v1/namespaces/default/widgets', code: 404, reason: 'NotFound', message: /the server could not find the requested resource/ },
    { name: 'an unknown path', path: '/nothing/here', code: 404, reason: 'NotFound' },
    { name: 'a missing object', path: '/api/v1/namespaces/default/pods/nope', code: 404, reason: 'NotFound', message: /pods "nope" not found/ },
    { name: 'a missing namespace', path: '/api/v1/namespaces/nope/pods', method: 'POST', body: pod('x'), code: 404, reason: 'NotFound', message: /namespaces "nope" not found/ },
    { name: 'a bad label selector', path: '/api/v1/pods?labelSelector=a+in+(b', code: 400, reason: 'BadRequest' },
    { name: 'an unsupported field selector', path: '/api/v1/pods?fieldSelector=spec.bogus%3Dx', code: 400, reason: 'BadRequest', message: /field label not supported: spec.bogus/ },
    { name: 'Exact without a resourceVersion', path: '/api/v1/pods?resourceVersionMatch=Exact', code: 422, reason: 'Invalid', message: /resourceVersionMatch is forbidden unless resourceVersion is provided/ },
    { name: 'a malformed continue token', path: '/api/v1/pods?limit=1&continue=garbage', code: 400, reason: 'BadRequest' },
    { name: 'a malformed resourceVersion', path: '/api/v1/pods?resourceVersion=abc', code: 400, reason: 'BadRequest' },
    { name: 'a bad patch type', path: '/api/v1/namespaces/default/pods/x', method: 'PATCH', rawBody: '{}', contentType: 'text/plain', code: 415, reason: 'UnsupportedMediaType' },
    { name: 'an unsupported method on a subresource', path: '/api/v1/namespaces/default/pods/x/status', method: 'DELETE', code: 405, reason: 'MethodNotAllowed' },
  ]
  for (const c of cases) {
    test(c.name, async () => {
      const response = await request(server.url, c.path, { method: c.method ?? 'GET', body: c.body, rawBody: c.rawBody, contentType: c.contentType })
      assert.equal(response.status, c.code, response.text)
      assert.equal(response.body.kind, 'Status')
      assert.equal(response.body.code, c.code)
      assert.equal(response.body.reason, c.reason)
      if (c.message) assert.match(response.body.message, c.message)
      assert.equal((await request(server.url, '/api/v1/namespaces/default')).status, 200, 'still serving')
    })
  }

  test('a stale update is a 409 Conflict', async () => {
    const created = await request(server.url, '/api/v1/namespaces/default/configmaps', { method: 'POST', body: { metadata: { name: 'cm' }, data: { a: '1' } } })
    assert.equal(created.status, 201)
    const first = { ...created.body, data: { a: '2' } }
    assert.equal((await request(server.url, '/api/v1/namespaces/default/configmaps/cm', { method: 'PUT', body: first })).status, 200)
    const stale = await request(server.url, '/api/v1/namespaces/default/configmaps/cm', { method: 'PUT', body: { ...created.body, data: { a: '3' } } })
    assert.equal(stale.status, 409)
    assert.equal(stale.body.reason, 'Conflict')
  })

  test('a write that changes nothing stores nothing', async () => {
    const current = await request(server.url, '/api/v1/namespaces/default/configmaps/cm')
    const again = await request(server.url, '/api/v1/namespaces/default/configmaps/cm', { method: 'PUT', body: current.body })
    assert.equal(again.status, 200)
    assert.equal(again.body.metadata.resourceVersion, current.body.metadata.resourceVersion)
  })

  test('dryRun=All validates and answers without storing', async () => {
    const dry = await request(server.url, '/api/v1/namespaces/default/pods?dryRun=All', { method: 'POST', body: pod('dry') })
    assert.equal(dry.status, 201)
    assert.equal(dry.body.metadata.name, 'dry')
    assert.equal((await request(server.url, '/api/v1/namespaces/default/pods/dry')).status, 404)
  })
})

describe('verbs must fit the path, as kube-apiserver registers its routes', () => {
  let server: RunningWatchplane
  before(async () => {
    server = await startServer()
  })
  after(() => server.close())
  const cases = [
    { name: 'POST to an object', method: 'POST', path: '/api/v1/namespaces/default/configmaps/a', body: { metadata: { name: 'a' } }, code: 405 },
    { name: 'PUT on a collection', method: 'PUT', path: '/api/v1/namespaces/default/configmaps', body: { metadata: { name: 'a' } }, code: 405 },
    { name: 'PATCH on a collection', method: 'PATCH', path: '/api/v1/namespaces/default/configmaps', body: {}, code: 405 },
    { name: 'DELETE every configmap in every namespace', method: 'DELETE', path: '/api/v1/configmaps', code: 405 },
    { name: 'POST to a cluster-wide path of a namespaced resource', method: 'POST', path: '/api/v1/configmaps', body: { metadata: { name: 'a' } }, code: 405 },
    { name: 'GET an object without its namespace', method: 'GET', path: '/api/v1/configmaps/a', code: 404 },
  ]
  for (const c of cases) {
    test(c.name, async () => {
      const response = await request(server.url, c.path, { method: c.method, body: c.body, contentType: c.method === 'PATCH' ? 'application/merge-patch+json' : undefined })
      assert.equal(response.status, c.code, response.text)
      assert.equal(response.body.kind, 'Status')
    })
  }

  test('GET …/configmaps/a?watch=1 watches that one object', async () => {
    for (const name of ['a', 'b']) await request(server.url, '/api/v1/namespaces/default/configmaps', { method: 'POST', body: { metadata: { name } } })
    const watch = await request(server.url, '/api/v1/namespaces/default/configmaps/a?watch=1&timeoutSeconds=1')
    assert.deepEqual(watch.text.trim().split('\n').map((l) => JSON.parse(l).object.metadata.name), ['a'])
  })

  test('a watch from a future resourceVersion gets 504 after a short wait', async () => {
    const response = await request(server.url, '/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=999999')
    assert.equal(response.status, 504)
    assert.equal(response.body.details.causes[0].reason, 'ResourceVersionTooLarge')
  })
})

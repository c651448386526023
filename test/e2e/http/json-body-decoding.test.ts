import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { MAX_NESTING_DEPTH } from '../../../src/api/nesting-depth.js'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { exchangeRaw } from '../../support/raw-connection.js'
import { request, startServer } from '../../support/start-server.js'

// What kube-apiserver's JSON decoder answers for create bodies (apimachinery
// pkg/runtime/serializer/json/json.go with sigs.k8s.io/json's strict options): the cases the create
// path's shortcuts skip or gate (a body that may repeat a key, a short body's nesting, a blank body).
const CM = '/api/v1/namespaces/default/configmaps'
const cannotHandle = 'ConfigMap in version "v1" cannot be handled as a ConfigMap'
const configMap = (name: string, data: string) => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"${name}"},"data":${data}}`

describe('create bodies as kube decodes them, over HTTP', () => {
  let server: RunningWatchplane
  before(async () => {
    server = await startServer()
  })
  after(() => server.close())

  const post = (query: string, rawBody: string) => request(server, `${CM}${query}`, { method: 'POST', rawBody })

  test('a repeated key is a 400 under Strict, a warning under Warn, and nothing under Ignore; the last value wins', async () => {
    const strict = await post('?fieldValidation=Strict', configMap('dup-strict', '{"a":"1","a":"2"}'))
    assert.equal(strict.status, 400)
    assert.equal(strict.body.message, `${cannotHandle}: strict decoding error: duplicate field "data.a"`)
    const warned = await post('?fieldValidation=Warn', configMap('dup-warn', '{"a":"1","a":"2"}'))
    assert.equal(warned.status, 201)
    assert.equal(warned.headers.get('warning'), '299 - "duplicate field \\"data.a\\""')
    assert.deepEqual(warned.body.data, { a: '2' })
    const ignored = await post('?fieldValidation=Ignore', configMap('dup-ignore', '{"a":"1","a":"2"}'))
    assert.equal(ignored.status, 201)
    assert.equal(ignored.headers.get('warning'), null)
  })

  test('colons and escaped quotes inside keys and values are no members: only a real repeat is found', async () => {
    const tricky = '{"a:b":"x:y","c\\":d":"\\"e:\\"","f":"{\\"g\\":1}"}'
    const clean = await post('?fieldValidation=Strict', configMap('colons', tricky))
    assert.equal(clean.status, 201, clean.text)
    assert.deepEqual(clean.body.data, { 'a:b': 'x:y', 'c":d': '"e:"', f: '{"g":1}' })
    const repeated = await post('?fieldValidation=Strict', configMap('colons-dup', '{"a:b":"x:y","a:b":"z"}'))
    assert.equal(repeated.status, 400)
    assert.equal(repeated.body.message, `${cannotHandle}: strict decoding error: duplicate field "data.a:b"`)
  })

  test('an empty body and a body of blanks are 400, not a crash', async () => {
    for (const rawBody of ['', '   \n\t']) {
      const answer = await post('', rawBody)
      assert.equal(answer.status, 400, JSON.stringify(rawBody))
      assert.equal(answer.body.kind, 'Status')
      assert.equal(answer.body.reason, 'BadRequest')
    }
  })

  test('a body nested past the limit is a 400 naming it; one just inside is decoded', async () => {
    // the ConfigMap is the first level; its unknown field holds the rest
    const nested = (depth: number) => '['.repeat(depth - 1) + ']'.repeat(depth - 1)
    const deep = await post('?fieldValidation=Ignore', `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"x":${nested(MAX_NESTING_DEPTH + 1)}}`)
    assert.equal(deep.status, 400)
    assert.equal(deep.body.reason, 'BadRequest')
    assert.match(deep.body.message, /exceeded max depth/)
    const inside = await post('?fieldValidation=Ignore', `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"inside"},"x":${nested(MAX_NESTING_DEPTH)}}`)
    assert.equal(inside.status, 201, inside.text)
  })

  // Go's server refuses an HTTP/1.1 request without Host (net/http server.go: "missing required Host
  // header"); here it is a Status.
  test('an HTTP/1.1 request without a Host header is a 400 Status, and HTTP/1.0 needs none', async () => {
    const answer = async (requestLine: string) => {
      const exchange = await exchangeRaw(server.url, { parts: [`${requestLine}\r\nConnection: close\r\n\r\n`], deadlineMs: 10_000, untilResponses: 1 })
      assert.equal(exchange.responses.length, 1, exchange.rest)
      return exchange.responses[0]!
    }
    const missing = await answer('GET /api/v1/namespaces HTTP/1.1')
    assert.equal(missing.status, 400)
    const status = JSON.parse(missing.body)
    assert.deepEqual([status.kind, status.reason, status.message], ['Status', 'BadRequest', 'missing required Host header'])
    assert.equal((await answer('GET /api/v1/namespaces HTTP/1.0')).status, 200)
  })
})

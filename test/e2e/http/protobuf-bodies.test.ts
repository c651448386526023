import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { PROTOBUF_MAGIC } from '../../../src/api/protobuf/protobuf-envelope.js'
import { bytes, cat, envelope, fromHex, msg, str, varint } from '../../../src/api/protobuf/wire-test-support.fixture.js'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { request, startServer } from '../../support/start-server.js'

const PROTOBUF = 'application/vnd.kubernetes.protobuf'
/** typed clients' Accept (client-go gentype), and a client that accepts protobuf only */
const TYPED_ACCEPT = 'application/vnd.kubernetes.protobuf,application/json'

const configMap = (name: string, ...more: Uint8Array[]) => envelope('v1', 'ConfigMap', cat(msg(1, str(1, name)), ...more))

async function send(server: RunningWatchplane, path: string, body: Uint8Array, init: { method?: string; contentType?: string } = {}) {
  const response = await request(server, path, { method: init.method ?? 'POST', contentType: init.contentType ?? PROTOBUF, accept: TYPED_ACCEPT, rawBody: body })
  return { status: response.status, contentType: response.headers.get('content-type'), body: response.body }
}

describe('protobuf request bodies over HTTP', () => {
  let server: RunningWatchplane
  before(async () => {
    server = await startServer()
  })
  after(() => server.close())

  const CM = '/api/v1/namespaces/default/configmaps'
  const unrecognized = 'the object provided is unrecognized (must be of type ConfigMap): '
  const malformed: { name: string; body: Uint8Array; message: string }[] = [
    { name: 'truncated', body: configMap('t').subarray(0, 25), message: `${unrecognized}unexpected EOF (6b3873000a0f0a0276311209436f6e6669674d617012050a03)` },
    { name: 'bad magic', body: cat(fromHex('6b387373'), configMap('b').subarray(4)), message: `${unrecognized}provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] (6b3873730a0f0a0276311209436f6e6669674d617012050a030a01621a00 ...)` },
    { name: 'the wrong kind for the URL', body: envelope('v1', 'Secret', msg(1, str(1, 'w'))), message: 'Secret in version "v1" cannot be handled as a ConfigMap: converting (v1.Secret) to (core.ConfigMap): unknown conversion' },
    { name: 'a huge length prefix', body: envelope('v1', 'ConfigMap', cat(fromHex('0a'), fromHex('ffffffff0f'))), message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: unexpected EOF' },
    { name: 'garbage after the magic', body: cat(PROTOBUF_MAGIC, fromHex('ffffffffffffffffffffff')), message: `${unrecognized}proto: integer overflow (6b387300ffffffffffffffffffffff)` },
  ]
  for (const c of malformed) {
    test(`${c.name}: 400 BadRequest Status, and the server keeps serving`, async () => {
      const answer = await send(server, CM, c.body)
      assert.equal(answer.status, 400)
      assert.equal(answer.contentType, 'application/json')
      assert.deepEqual(answer.body, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: c.message, reason: 'BadRequest', code: 400 })
      assert.equal((await request(server.url, CM)).status, 200)
    })
  }

  test('a SubjectAccessReview in protobuf (as kubectl sends reviews) is answered by the authorizer', async () => {
    // SubjectAccessReviewSpec{resourceAttributes{namespace, verb, resource}, user, groups} (authorization/v1/generated.proto)
    const attributes = cat(str(1, 'default'), str(2, 'delete'), str(5, 'pods'))
    const body = envelope('authorization.k8s.io/v1', 'SubjectAccessReview', cat(msg(1), msg(2, msg(1, attributes), str(3, 'root'), str(4, 'system:masters'))))
    const answer = await send(server, '/apis/authorization.k8s.io/v1/subjectaccessreviews', body)
    assert.equal(answer.status, 201)
    assert.deepEqual(answer.body.spec, { resourceAttributes: { namespace: 'default', verb: 'delete', resource: 'pods' }, user: 'root', groups: ['system:masters'] })
    assert.deepEqual(answer.body.status, { allowed: true })
  })

  test('create, then update (PUT) with protobuf; the answers are JSON', async () => {
    const created = await send(server, CM, configMap('p', msg(2, str(1, 'a'), str(2, 'b'))))
    assert.equal(created.status, 201)
    assert.equal(created.contentType, 'application/json')
    assert.deepEqual(created.body.data, { a: 'b' })
    const rv = created.body.metadata.resourceVersion as string
    const updated = await send(server, `${CM}/p`, configMap('p', msg(2, str(1, 'a'), str(2, 'c'))), { method: 'PUT' })
    assert.equal(updated.status, 200)
    assert.deepEqual(updated.body.data, { a: 'c' })
    const stale = envelope('v1', 'ConfigMap', msg(1, str(1, 'p'), str(6, rv)))
    assert.equal((await send(server, `${CM}/p`, stale, { method: 'PUT' })).status, 409)
  })

  test('fieldValidation=Strict finds nothing to refuse in protobuf: unknown field numbers are skipped', async () => {
    const withUnknown = configMap('strict', varint(99, 1), str(98, 'x'))
    const answer = await send(server, `${CM}?fieldValidation=Strict`, withUnknown)
    assert.equal(answer.status, 201)
  })

  test('the scale subresource takes an autoscaling/v1 Scale', async () => {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } }
    assert.equal((await request(server.url, '/apis/apps/v1/namespaces/default/deployments', { method: 'POST', body: deployment })).status, 201)
    const scale = envelope('autoscaling/v1', 'Scale', cat(msg(1, str(1, 'web')), msg(2, varint(1, 4))))
    const answer = await send(server, '/apis/apps/v1/namespaces/default/deployments/web/scale', scale, { method: 'PUT' })
    assert.equal(answer.status, 200)
    assert.equal(answer.body.spec.replicas, 4)
  })

  test('DELETE with protobuf DeleteOptions: its preconditions hold', async () => {
    await send(server, CM, configMap('gone'))
    const options = (uid: string) => envelope('v1', 'DeleteOptions', msg(2, str(1, uid)))
    const refused = await send(server, `${CM}/gone`, options('not-the-uid'), { method: 'DELETE' })
    assert.equal(refused.status, 409)
    assert.equal((await send(server, `${CM}/gone`, bytes(1, new Uint8Array(0)), { method: 'DELETE' })).status, 400)
    assert.equal((await send(server, `${CM}/gone`, envelope('v1', 'DeleteOptions', new Uint8Array(0)), { method: 'DELETE' })).status, 200)
  })

  test('protobuf is not a patch type: 415', async () => {
    const answer = await send(server, `${CM}/p`, configMap('p'), { method: 'PATCH' })
    assert.equal(answer.status, 415)
    assert.equal(answer.body.reason, 'UnsupportedMediaType')
  })

  test('a 415 for another media type lists protobuf among the accepted ones', async () => {
    const answer = await send(server, CM, Buffer.from('x'), { contentType: 'text/plain' })
    assert.equal(answer.status, 415)
    assert.equal(answer.body.message, 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf')
  })

  // kube-apiserver would answer built-ins in protobuf; client-go decodes by the answer's Content-Type, so JSON serves them.
  for (const accept of [TYPED_ACCEPT, PROTOBUF]) {
    test(`Accept: ${accept} gets JSON with its Content-Type on every path`, async () => {
      const paths = ['/version', '/api', '/apis', '/api/v1', '/apis/apps/v1', '/api/v1/namespaces/default/configmaps', `${CM}/p`,
        `${CM}/nope`, '/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1', '/openapi/v3', '/nothing-here']
      for (const path of paths) {
        const answer = await request(server.url, path, { accept })
        assert.match(answer.headers.get('content-type') ?? '', /^application\/json/, path)
        assert.notEqual(answer.status, 406, path)
        assert.ok(answer.text.length > 0 && answer.text.trimStart().startsWith('{'), path)
      }
    })
  }
})

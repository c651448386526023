import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { test } from 'node:test'
import { BUILTIN_RESOURCES } from '../builtin-resources.js'
import { isVirtual } from '../resource-definition.js'
import { buildOpenApiV3 } from './openapi-v3.js'

const openapi = buildOpenApiV3(BUILTIN_RESOURCES)
const GV_PATHS = [
  'api/v1',
  'apis/apps/v1',
  'apis/batch/v1',
  'apis/coordination.k8s.io/v1',
  'apis/events.k8s.io/v1',
  'apis/rbac.authorization.k8s.io/v1',
  'apis/authorization.k8s.io/v1',
  'apis/policy/v1',
  'apis/networking.k8s.io/v1',
  'apis/scheduling.k8s.io/v1',
  'apis/storage.k8s.io/v1',
  'apis/apiextensions.k8s.io/v1',
  'apis/discovery.k8s.io/v1',
  'apis/authentication.k8s.io/v1',
]
const parse = (gvPath: string) => JSON.parse(openapi.document(gvPath)!.body.toString()) as any

test('the index lists every served group version with its hashed URL', () => {
  const index = openapi.index() as any
  assert.deepEqual(Object.keys(index.paths), GV_PATHS)
  for (const gvPath of GV_PATHS) {
    const doc = openapi.document(gvPath)!
    const sha512 = createHash('sha512').update(doc.body).digest('hex').toUpperCase()
    assert.equal(doc.hash, sha512)
    assert.equal(index.paths[gvPath].serverRelativeURL, `/openapi/v3/${gvPath}?hash=${sha512}`)
  }
  assert.equal(openapi.document('apis/example.com/v1'), undefined)
})

test('each document: header, and every $ref resolves inside it', () => {
  for (const gvPath of GV_PATHS) {
    const doc = parse(gvPath)
    assert.equal(doc.openapi, '3.0.0')
    assert.deepEqual(doc.info, { title: 'Kubernetes', version: 'v1.32.0' })
    const refs = openapi.document(gvPath)!.body.toString().matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)
    for (const [, name] of refs) assert.ok(doc.components.schemas[name!], `${gvPath}: ${name}`)
  }
})

// kubectl's check (k8s: cli-runtime pkg/resource/query_param_verifier_v3.go) stops at the first patch
// operation carrying the GVK, in Go's random map order: every one must list fieldValidation.
test('every served kind: patch operations with its GVK list fieldValidation, and its schema carries the GVK', () => {
  for (const r of BUILTIN_RESOURCES.filter((d) => !isVirtual(d))) {
    const doc = parse(r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`)
    const patches = Object.values<any>(doc.paths)
      .map((item) => item.patch)
      .filter((op) => op?.['x-kubernetes-group-version-kind']?.kind === r.kind)
    assert.ok(patches.length > 0, r.kind)
    for (const op of patches) {
      assert.ok(op.parameters.some((p: any) => p.in === 'query' && p.name === 'fieldValidation'), r.kind)
      assert.ok('application/strategic-merge-patch+json' in op.requestBody.content, r.kind)
    }
    assert.deepEqual(doc.components.schemas[r.schemaName]['x-kubernetes-group-version-kind'], [
      { group: r.group, kind: r.kind, version: r.version },
    ])
  }
})

test('a review is only created, and a ServiceAccount token is created from its subresource (kube: POST only)', () => {
  const authentication = parse('apis/authentication.k8s.io/v1')
  assert.deepEqual(Object.keys(authentication.paths), ['/apis/authentication.k8s.io/v1/selfsubjectreviews'])
  assert.deepEqual(Object.keys(authentication.paths['/apis/authentication.k8s.io/v1/selfsubjectreviews']).filter((k) => k !== 'parameters'), ['post'])
  assert.equal(authentication.components.schemas['io.k8s.api.authentication.v1.SelfSubjectReviewList'], undefined)
  const token = parse('api/v1').paths['/api/v1/namespaces/{namespace}/serviceaccounts/{name}/token']
  assert.equal(token.post.operationId, 'createCoreV1NamespacedServiceAccountToken')
  assert.deepEqual(token.post['x-kubernetes-group-version-kind'], { group: 'authentication.k8s.io', kind: 'TokenRequest', version: 'v1' })
})

test('kinds that store nothing have one operation, create, and no list schema (kube\'s authorization.k8s.io/v1)', () => {
  const doc = parse('apis/authorization.k8s.io/v1')
  assert.deepEqual(Object.keys(doc.paths).sort(), [
    '/apis/authorization.k8s.io/v1/namespaces/{namespace}/localsubjectaccessreviews',
    '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
    '/apis/authorization.k8s.io/v1/subjectaccessreviews',
  ])
  const ssar = doc.paths['/apis/authorization.k8s.io/v1/selfsubjectaccessreviews']
  assert.deepEqual(Object.keys(ssar).sort(), ['parameters', 'post'])
  assert.equal(ssar.post.operationId, 'createAuthorizationV1SelfSubjectAccessReview')
  assert.equal(doc.components.schemas['io.k8s.api.authorization.v1.SelfSubjectAccessReviewList'], undefined)
})

test('a document holds only what its kinds reach', () => {
  const coordination = parse('apis/coordination.k8s.io/v1')
  assert.equal(coordination.components.schemas['io.k8s.api.core.v1.PodSpec'], undefined)
  assert.ok(parse('apis/apps/v1').components.schemas['io.k8s.api.autoscaling.v1.Scale'])
})

test('schemas(): one deep-frozen object with the list extensions the patch engine reads', () => {
  const schemas = openapi.schemas()
  assert.equal(openapi.schemas(), schemas)
  const containers = (schemas['io.k8s.api.core.v1.PodSpec'] as any).properties.containers
  assert.equal(containers['x-kubernetes-patch-merge-key'], 'name')
  assert.ok(Object.isFrozen(containers))
})

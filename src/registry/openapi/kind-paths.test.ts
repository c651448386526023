import assert from 'node:assert/strict'
import { test } from 'node:test'
import { BUILTIN_RESOURCES } from '../builtin-resources.js'
import { kindPaths } from './kind-paths.js'

const resource = (kind: string) => BUILTIN_RESOURCES.find((r) => r.kind === kind)!
const names = (params: unknown) => (params as Array<{ name: string }>).map((p) => p.name)

test('a namespaced kind with status and scale', () => {
  const paths = kindPaths(resource('Deployment'))
  assert.deepEqual(Object.keys(paths), [
    '/apis/apps/v1/namespaces/{namespace}/deployments',
    '/apis/apps/v1/namespaces/{namespace}/deployments/{name}',
    '/apis/apps/v1/deployments',
    '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status',
    '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale',
  ])
  const item = paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'] as any
  assert.deepEqual(Object.keys(item), ['get', 'put', 'patch', 'delete', 'parameters'])
  assert.equal(item.patch.operationId, 'patchAppsV1NamespacedDeployment')
  assert.deepEqual(names(item.parameters), ['name', 'namespace', 'pretty'])
  const scale = paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale'] as any
  assert.deepEqual(scale.patch['x-kubernetes-group-version-kind'], { group: 'autoscaling', kind: 'Scale', version: 'v1' })
  assert.equal(scale.get.operationId, 'readAppsV1NamespacedDeploymentScale')
})

test('collection operations: list, create, deletecollection', () => {
  const collection = kindPaths(resource('Pod'))['/api/v1/namespaces/{namespace}/pods'] as any
  assert.deepEqual(
    [collection.get.operationId, collection.post.operationId, collection.delete.operationId],
    ['listCoreV1NamespacedPod', 'createCoreV1NamespacedPod', 'deleteCoreV1CollectionNamespacedPod'],
  )
  assert.equal(collection.get['x-kubernetes-action'], 'list')
  assert.ok(names(collection.post.parameters).includes('fieldValidation'))
  assert.deepEqual(collection.get.responses['200'].content['application/json'].schema, {
    $ref: '#/components/schemas/io.k8s.api.core.v1.PodList',
  })
})

test('a cluster-scoped kind has no namespace parameter and no all-namespaces path', () => {
  const paths = kindPaths(resource('Namespace'))
  assert.deepEqual(Object.keys(paths), ['/api/v1/namespaces', '/api/v1/namespaces/{name}', '/api/v1/namespaces/{name}/status'])
  assert.deepEqual(names((paths['/api/v1/namespaces/{name}'] as any).parameters), ['name', 'pretty'])
})

test('a group with dots names operations by its first label', () => {
  const paths = kindPaths(resource('Lease'))
  const item = paths['/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases/{name}'] as any
  assert.equal(item.get.operationId, 'readCoordinationV1NamespacedLease')
  assert.deepEqual(item.get.tags, ['coordination_v1'])
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { listExtensionsOf, structExtensionsOf } from './list-extensions.js'

test('containers merge by name, as a list map', () => {
  assert.deepEqual(listExtensionsOf('io.k8s.api.core.v1.PodSpec')?.['containers'], {
    'x-kubernetes-patch-strategy': 'merge',
    'x-kubernetes-patch-merge-key': 'name',
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-list-map-keys': ['name'],
  })
})

test('ports are keyed by containerPort and protocol', () => {
  assert.deepEqual(listExtensionsOf('io.k8s.api.core.v1.Container')?.['ports']?.['x-kubernetes-list-map-keys'], [
    'containerPort',
    'protocol',
  ])
})

test('meta.v1 names expand to apimachinery; finalizers merge as a set', () => {
  assert.deepEqual(listExtensionsOf('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta')?.['finalizers'], {
    'x-kubernetes-patch-strategy': 'merge',
    'x-kubernetes-list-type': 'set',
  })
})

test('a strategy on an object field (retainKeys) and an atomic list', () => {
  assert.deepEqual(listExtensionsOf('io.k8s.api.apps.v1.DeploymentSpec')?.['strategy'], {
    'x-kubernetes-patch-strategy': 'retainKeys',
  })
  assert.deepEqual(listExtensionsOf('io.k8s.api.core.v1.PodSpec')?.['tolerations'], { 'x-kubernetes-list-type': 'atomic' })
})

test('a schema without extensions', () => assert.equal(listExtensionsOf('io.k8s.api.core.v1.EnvVar'), undefined))

test('map types: a field marked +mapType, a struct marked +structType=atomic, a list-map key default', () => {
  assert.equal(listExtensionsOf('io.k8s.api.core.v1.PodSpec')?.['nodeSelector']?.['x-kubernetes-map-type'], 'atomic')
  assert.deepEqual(structExtensionsOf('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector'), { 'x-kubernetes-map-type': 'atomic' })
  assert.equal(structExtensionsOf('io.k8s.api.core.v1.PodSpec'), undefined)
  assert.deepEqual(listExtensionsOf('io.k8s.api.core.v1.ContainerPort'), { protocol: { default: 'TCP' } })
})

import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { test } from 'node:test'
import { BUILTIN_RESOURCES } from '../builtin-resources.js'
import { camelName, locateModelsPackage } from './models-package.js'

const models = locateModelsPackage()

test('every served kind has a declaration and a validator, named as kube names its schema', () => {
  for (const r of BUILTIN_RESOURCES) {
    const file = models.declarationOfKind(r)
    assert.ok(existsSync(file), file)
    assert.equal(models.schemaNameOf(file), r.schemaName)
    assert.ok(existsSync(models.validatorOf(file)), models.validatorOf(file))
  }
})

test('apimachinery imports resolve into the apimachinery package', () => {
  const pod = models.declarationOfKind({ group: '', version: 'v1', kind: 'Pod' })
  const meta = models.resolveImport(pod, '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta')!
  assert.ok(existsSync(meta))
  assert.equal(models.schemaNameOf(meta), 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta')
  assert.equal(models.declarationOfMeta('ObjectMeta'), meta)
  assert.equal(models.resolveImport(pod, '@kubernetes-models/base'), undefined)
})

test('relative imports and group directories', () => {
  const lease = models.declarationOfKind({ group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' })
  const spec = models.resolveImport(lease, './LeaseSpec')!
  assert.equal(models.schemaNameOf(spec), 'io.k8s.api.coordination.v1.LeaseSpec')
})

test('camelName', () => assert.equal(camelName('io.k8s.api.core.v1.Pod'), 'IoK8sApiCoreV1Pod'))

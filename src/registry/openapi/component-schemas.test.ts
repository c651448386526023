import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildComponentSchemas } from './component-schemas.js'
import { locateModelsPackage } from './models-package.js'

const models = locateModelsPackage()
const schemas = buildComponentSchemas(models, [models.declarationOfKind({ group: 'apps', version: 'v1', kind: 'Deployment' })])

/** Every node below a named schema, with the JSON path that reaches it. */
function* nodes(value: unknown, path: string): Generator<[string, Record<string, unknown>]> {
  if (value === null || typeof value !== 'object') return
  if (!Array.isArray(value)) yield [path, value as Record<string, unknown>]
  for (const [key, child] of Object.entries(value)) yield* nodes(child, `${path}.${key}`)
}

test('reaches the pod template, metadata and apimachinery scalars', () => {
  for (const name of [
    'io.k8s.api.apps.v1.Deployment',
    'io.k8s.api.core.v1.PodSpec',
    'io.k8s.api.core.v1.Container',
    'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
    'io.k8s.apimachinery.pkg.api.resource.Quantity',
  ]) {
    assert.ok(schemas[name], name)
  }
})

test('every $ref resolves, and no object with properties is inline (kubectl SMP needs refs)', () => {
  for (const [name, schema] of Object.entries(schemas)) {
    for (const [path, node] of nodes(schema, name)) {
      const ref = node['$ref']
      if (typeof ref === 'string') assert.ok(schemas[ref.replace('#/components/schemas/', '')], `${path} → ${ref}`)
      if (path !== name) assert.equal(node['properties'], undefined, `inline object at ${path}`)
    }
  }
})

test('descriptions, enums, required and number formats come through', () => {
  const spec = schemas['io.k8s.api.core.v1.PodSpec'] as any
  assert.match(spec.description, /PodSpec is a description of a pod/)
  assert.deepEqual(spec.required, ['containers'])
  assert.deepEqual(spec.properties.restartPolicy.enum, ['Always', 'Never', 'OnFailure'])
  assert.deepEqual([spec.properties.priority.type, spec.properties.priority.format], ['integer', 'int32'])
  const deploymentSpec = schemas['io.k8s.api.apps.v1.DeploymentSpec'] as any
  assert.equal(deploymentSpec.properties.replicas.format, 'int32')
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { applyCrdDefaults } from '../crd-defaults.js'
import type { CustomResourceDefinition, JsonSchemaProps } from '../crd-types.js'
import { validateCrd } from './validate-crd.js'

const crd = (versions: unknown[], patch: Partial<CustomResourceDefinition['spec']> = {}, name = 'widgets.example.com'): CustomResourceDefinition => {
  const object = {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name },
    spec: { group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', kind: 'Widget' }, versions, ...patch },
  } as CustomResourceDefinition
  applyCrdDefaults(object)
  return object
}
const version = (name: string, schema: JsonSchemaProps | undefined, extra: Record<string, unknown> = {}) =>
  ({ name, served: true, storage: name === 'v1', ...(schema ? { schema: { openAPIV3Schema: schema } } : {}), ...extra })
const messages = (c: CustomResourceDefinition) => validateCrd(c).map((x) => `${x.field}: ${x.message}`)
const OBJECT: JsonSchemaProps = { type: 'object' }

test('CRD defaults: singular, listKind, None conversion, the storage version stored', () => {
  const c = crd([version('v1', OBJECT)])
  assert.deepEqual(c.spec.names, { plural: 'widgets', kind: 'Widget', singular: 'widget', listKind: 'WidgetList' })
  assert.deepEqual(c.spec.conversion, { strategy: 'None' })
  assert.deepEqual(c.status, { storedVersions: ['v1'] })
  assert.deepEqual(messages(c), [])
})

// Messages from apiextensions-apiserver pkg/apis/apiextensions/validation/validation.go and
// pkg/apiserver/schema/validation.go; one shared schema is reported at spec.validation (internal version).
const cases: { name: string; crd: CustomResourceDefinition; want: string[] }[] = [
  { name: 'the name must be plural.group', crd: crd([version('v1', OBJECT)], {}, 'other.example.com'),
    want: ['metadata.name: Invalid value: "other.example.com": must be spec.names.plural+"."+spec.group'] },
  { name: 'a group needs a dot', crd: crd([version('v1', OBJECT)], { group: 'example' }, 'widgets.example'),
    want: ['spec.group: Invalid value: "example": should be a domain with at least one dot'] },
  { name: 'a schema is required', crd: crd([version('v1', undefined)]),
    want: ['spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required'] },
  { name: 'exactly one storage version', crd: crd([version('v1', OBJECT), { ...version('v2', OBJECT), storage: true }]),
    want: ['spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{apiextensions.CustomResourceDefinitionVersion{Name:"v1", Served:true, Storage:true, ...}, apiextensions.CustomResourceDefinitionVersion{Name:"v2", Served:true, Storage:true, ...}}: must have exactly one version marked as storage version',
      'status.storedVersions: Invalid value: []string{"v1"}: must have the storage version v2'] },
  { name: 'a field without a type', crd: crd([version('v1', { type: 'object', properties: { spec: { properties: { a: { type: 'string' } } } } })]),
    want: ['spec.validation.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields'] },
  { name: 'an array without items', crd: crd([version('v1', { type: 'object', properties: { list: { type: 'array' } } })]),
    want: ['spec.validation.openAPIV3Schema.properties[list].items: Required value: must be specified'] },
  { name: 'metadata beyond name', crd: crd([version('v1', { type: 'object', properties: { metadata: { type: 'object', properties: { labels: { type: 'object' } } } } })]),
    want: ['spec.validation.openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified'] },
  { name: 'a default that breaks its schema', crd: crd([version('v1', { type: 'object', properties: { n: { type: 'integer', maximum: 3, default: 5 } } })]),
    want: ['spec.validation.openAPIV3Schema.properties[n].default: Invalid value: 5:  in body should be less than or equal to 3'] },
  { name: 'per-version schemas that differ are reported per version', crd: crd([version('v1', OBJECT), version('v2', { type: 'string' })]),
    want: ['spec.versions[1].schema.openAPIV3Schema.type: Invalid value: "string": must be object at the root'] },
  { name: 'a printer column type', crd: crd([version('v1', OBJECT, { additionalPrinterColumns: [{ name: 'X', type: 'text', jsonPath: '.spec.x' }] })]),
    want: ['spec.additionalPrinterColumns[0].type: Invalid value: "text": must be one of boolean,date,integer,number,string'] },
  { name: 'a scale path outside spec', crd: crd([version('v1', OBJECT, { subresources: { scale: { specReplicasPath: '.status.r', statusReplicasPath: '.status.r' } } })]),
    want: ['spec.subresources.scale.specReplicasPath: Invalid value: ".status.r": should be a json path under .spec'] },
]

for (const c of cases) test(`CRD validation: ${c.name}`, () => assert.deepEqual(messages(c.crd), c.want))

test('CRD validation on update: group and plural never change, scope once established', () => {
  const old = crd([version('v1', OBJECT)])
  old.status = { ...old.status, conditions: [{ type: 'Established', status: 'True' }] }
  const next = crd([version('v1', OBJECT)], { scope: 'Cluster' })
  assert.deepEqual(validateCrd(next, old).map((x) => `${x.field}: ${x.message}`), ['spec.scope: Invalid value: "Cluster": field is immutable'])
})

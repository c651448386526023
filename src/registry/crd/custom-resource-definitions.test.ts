import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Revision } from '../../api/resource-version.js'
import type { Shape } from '../validation/schema-shape.js'
import type { CustomResourceDefinition } from './crd-types.js'
import { definitionsOfCrd } from './custom-resource-definitions.js'

const OPEN: Shape = { kind: 'open', goType: 'v1.ObjectMeta' }
const schema = { type: 'object', properties: { spec: { type: 'object', properties: { color: { type: 'string' }, size: { type: 'integer', default: 3 } } } } }
const crd: CustomResourceDefinition = {
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com', scope: 'Cluster', names: { plural: 'widgets', kind: 'Widget' },
    versions: [
      { name: 'v1alpha1', served: false, storage: false, schema: { openAPIV3Schema: schema } },
      { name: 'v1beta1', served: true, storage: false, schema: { openAPIV3Schema: schema } },
      {
        name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema },
        subresources: { status: {}, scale: { specReplicasPath: '.spec.size', statusReplicasPath: '.status.size' } },
        additionalPrinterColumns: [{ name: 'Color', type: 'string', jsonPath: '.spec.color' }],
        selectableFields: [{ jsonPath: '.spec.color' }],
      },
    ],
  },
}
const names = { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList', shortNames: ['wd'] }

test('a CRD gives one definition per served version over one storage resource', () => {
  const defs = definitionsOfCrd(crd, { names, schemaRevision: 10 as Revision, objectMeta: () => OPEN })
  assert.deepEqual(defs.map((d) => [d.version, d.storageResource, d.isNamespaced, d.schemaName, d.storageVersion]), [
    ['v1beta1', 'example.com/widgets', false, 'com.example.v1beta1.Widget', 'v1'],
    ['v1', 'example.com/widgets', false, 'com.example.v1.Widget', 'v1'],
  ])
  const v1 = defs[1]!
  assert.deepEqual(v1.subresources, { status: true, scale: { specReplicasPath: '.spec.size', statusReplicasPath: '.status.size' } })
  assert.deepEqual(v1.fieldSelectors, ['spec.color'])
  assert.deepEqual(v1.shortNames, ['wd'])
  assert.equal(v1.acceptsStrategicMergePatch, false)
  assert.deepEqual(v1.printer.columns.map((c) => c.name), ['Name', 'Color'])
  assert.deepEqual(defs[0]!.printer.columns.map((c) => [c.name, c.type]), [['Name', 'string'], ['Age', 'date']])
  assert.deepEqual(Object.keys(v1.openApiSchemas!), ['com.example.v1.Widget', 'com.example.v1.WidgetList'])
})

test('None conversion: another version rewrites apiVersion only; the storage version reads old objects with today\'s defaults', () => {
  const [beta, v1] = definitionsOfCrd(crd, { names, schemaRevision: 10 as Revision, objectMeta: () => OPEN })
  const stored = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'a', resourceVersion: '5' }, spec: { color: 'red' } }
  assert.deepEqual(beta!.conversion!.toServed(structuredClone(stored)), { ...stored, apiVersion: 'example.com/v1beta1', spec: { color: 'red', size: 3 } })
  assert.equal(v1!.conversion!.altersStoredAt(5 as Revision), true)
  assert.equal(v1!.conversion!.altersStoredAt(11 as Revision), false)
  assert.deepEqual(beta!.conversion!.toStored({ ...stored, apiVersion: 'example.com/v1beta1' }), stored)
})

test('printer columns read their JSON path and type the cell', () => {
  const [, v1] = definitionsOfCrd(crd, { names, schemaRevision: 10 as Revision, objectMeta: () => OPEN })
  const cells = v1!.printer.cells({ metadata: { name: 'a' }, spec: { color: 'red' } }, Date.now())
  assert.deepEqual(cells, ['a', 'red'])
  assert.deepEqual(v1!.printer.cells({ metadata: { name: 'b' } }, Date.now()), ['b', null])
})

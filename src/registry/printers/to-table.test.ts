import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { KubeObject } from '../../api/types.js'
import { namespacePrinter } from './namespaces.js'
import { columnDefinitions, toTableRow } from './to-table.js'

const now = Date.parse('2025-06-01T12:00:00Z')
const ns: KubeObject = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'team-a', labels: { env: 'dev' }, creationTimestamp: '2025-06-01T11:59:15Z' },
  status: { phase: 'Active' },
}

test('Metadata rows carry PartialObjectMetadata for --show-labels, -L and -A', () => {
  assert.deepEqual(toTableRow(namespacePrinter, ns, 'Metadata', now), {
    cells: ['team-a', 'Active', '45s'],
    object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: ns.metadata },
  })
})

test('Object rows carry the whole object (--sort-by), None rows none', () => {
  assert.equal(toTableRow(namespacePrinter, ns, 'Object', now).object, ns)
  assert.deepEqual(toTableRow(namespacePrinter, ns, 'None', now), { cells: ['team-a', 'Active', '45s'] })
  assert.equal('object' in toTableRow(namespacePrinter, ns, 'None', now), false)
})

test('columnDefinitions serialise every field and are copies', () => {
  const columns = columnDefinitions(namespacePrinter)
  assert.deepEqual(Object.keys(columns[0] ?? {}), ['name', 'type', 'format', 'description', 'priority'])
  assert.deepEqual(columns.map((c) => [c.name, c.type, c.format, c.priority]), [
    ['Name', 'string', 'name', 0], ['Status', 'string', '', 0], ['Age', 'string', '', 0],
  ])
  columns[0]!.name = 'changed'
  assert.equal(namespacePrinter.columns[0]?.name, 'Name')
})

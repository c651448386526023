import assert from 'node:assert/strict'
import { test } from 'node:test'
import { BUILTIN_RESOURCES } from '../../registry/builtin-resources.js'
import type { ResourceDefinition } from '../../registry/resource-definition.js'
import { ResourceRegistry } from '../../registry/resource-registry.js'
import { aggregatedDiscovery } from './aggregated-discovery.js'

const deployments = BUILTIN_RESOURCES.find((d) => d.plural === 'deployments')!
const widgets: ResourceDefinition = { ...deployments, group: 'example.com', kind: 'Widget', plural: 'widgets', isCustom: true }
const resourceOf = (group: string, plural: string) => {
  const list = aggregatedDiscovery(new ResourceRegistry([deployments, widgets]), 'v2', false) as any
  return list.items.find((i: any) => i.metadata.name === group).versions[0].resources.find((r: any) => r.resource === plural)
}

// k8s: endpoints/discovery/aggregated (built-ins) and apiextensions discovery_controller.go (CRDs).
test('built-in kinds leave responseKind group and version empty; Scale names autoscaling/v1', () => {
  const resource = resourceOf('apps', 'deployments')
  assert.deepEqual(resource.responseKind, { group: '', version: '', kind: 'Deployment' })
  assert.deepEqual(resource.subresources.map((s: any) => s.responseKind), [
    { group: '', version: '', kind: 'Deployment' },
    { group: 'autoscaling', version: 'v1', kind: 'Scale' },
  ])
})

test('custom resources name their group and version', () => {
  const resource = resourceOf('example.com', 'widgets')
  assert.deepEqual(resource.responseKind, { group: 'example.com', version: 'v1', kind: 'Widget' })
  assert.deepEqual(resource.subresources[0].responseKind, { group: 'example.com', version: 'v1', kind: 'Widget' })
})

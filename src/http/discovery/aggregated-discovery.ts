import { subresourceNames, type ResourceDefinition, type SubresourceName } from '../../registry/resource-definition.js'
import type { ResourceRegistry } from '../../registry/resource-registry.js'
import { compareKubeAwareVersions } from '../../registry/kube-version-order.js'
import { SUBRESOURCE_VERBS, subresourceKind } from './api-resources.js'

/** The exact Content-Type kubectl requires to read aggregated discovery (contract §0.5). */
export const AGGREGATED_CONTENT_TYPE = (version: 'v2' | 'v2beta1') =>
  `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`

/** Which aggregated version the Accept header asks for, if any. */
export function wantsAggregated(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  const parts = (accept ?? '').split(',').map((p) => p.replace(/\s/g, ''))
  for (const part of parts) {
    if (!part.includes('g=apidiscovery.k8s.io') || !part.includes('as=APIGroupDiscoveryList')) continue
    if (part.includes('v=v2beta1')) return 'v2beta1'
    if (part.includes('v=v2')) return 'v2'
  }
  return undefined
}

/**
 * The responseKind kube-apiserver puts in aggregated discovery: built-in kinds copy their legacy
 * APIResource, whose group and version are empty (k8s: staging/src/k8s.io/apiserver/pkg/endpoints/
 * installer.go ConvertGroupVersionIntoToDiscovery); CRDs name both (apiextensions-apiserver
 * pkg/apiserver/customresource_discovery_controller.go); Scale always names autoscaling/v1.
 */
function responseKind(d: ResourceDefinition, sub?: SubresourceName): object {
  const kind = sub ? subresourceKind(d, sub) : { group: d.group, version: d.version, kind: d.kind }
  return d.isCustom || sub === 'scale' ? kind : { ...kind, group: '', version: '' }
}

function resourceEntry(d: ResourceDefinition): object {
  return {
    resource: d.plural,
    responseKind: responseKind(d),
    scope: d.isNamespaced ? 'Namespaced' : 'Cluster',
    singularResource: d.singular,
    verbs: d.verbs,
    ...(d.shortNames.length ? { shortNames: d.shortNames } : {}),
    ...(d.categories.length ? { categories: d.categories } : {}),
    ...(subresourceNames(d).length
      ? { subresources: subresourceNames(d).map((sub) => ({ subresource: sub, responseKind: responseKind(d, sub), verbs: SUBRESOURCE_VERBS })) }
      : {}),
  }
}

/** /api (core only) or /apis (every named group) as an APIGroupDiscoveryList. */
export function aggregatedDiscovery(registry: ResourceRegistry, version: 'v2' | 'v2beta1', isCore: boolean): object {
  const groups = new Map<string, Map<string, ResourceDefinition[]>>()
  for (const d of registry.definitions) {
    if ((d.group === '') !== isCore) continue
    const versions = groups.get(d.group) ?? new Map<string, ResourceDefinition[]>()
    versions.set(d.version, [...(versions.get(d.version) ?? []), d])
    groups.set(d.group, versions)
  }
  const items = [...groups].map(([group, versions]) => ({
    metadata: { name: group, creationTimestamp: null },
    versions: [...versions]
      .sort(([a], [b]) => compareKubeAwareVersions(a, b))
      .map(([v, defs]) => ({ version: v, resources: defs.map(resourceEntry), freshness: 'Current' })),
  }))
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items }
}

import { createHash } from 'node:crypto'
import { isVirtual, subresourceNames, type ResourceDefinition, type SubresourceName } from '../../registry/resource-definition.js'

export const SUBRESOURCE_VERBS = ['get', 'patch', 'update'] as const

/**
 * kube's storageVersionHash: the first 8 bytes of sha256("group/version/kind") of the version
 * objects are stored in (every served version of a CRD carries its storage version's).
 */
export const storageVersionHash = (d: ResourceDefinition) =>
  createHash('sha256').update(`${d.storageGroup ?? d.group}/${d.storageVersion ?? d.version}/${d.kind}`).digest().subarray(0, 8).toString('base64')

/** The kind a subresource answers with: Scale comes from autoscaling/v1, status is the kind itself. */
export const subresourceKind = (d: ResourceDefinition, sub: SubresourceName) =>
  sub === 'scale' ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : { group: d.group, version: d.version, kind: d.kind }

/** One resource and its subresources as an APIResourceList entry (legacy discovery). */
export function apiResourceEntries(d: ResourceDefinition): object[] {
  const main = {
    name: d.plural,
    singularName: d.singular,
    namespaced: d.isNamespaced,
    kind: d.kind,
    verbs: d.verbs,
    ...(d.shortNames.length ? { shortNames: d.shortNames } : {}),
    ...(d.categories.length ? { categories: d.categories } : {}),
    // Kinds that store nothing have no storage version (kube's discovery leaves the hash out).
    ...(isVirtual(d) ? {} : { storageVersionHash: storageVersionHash(d) }),
  }
  const subs = subresourceNames(d).map((sub) => {
    const k = subresourceKind(d, sub)
    return { name: `${d.plural}/${sub}`, singularName: '', namespaced: d.isNamespaced, ...(sub === 'scale' ? { group: k.group, version: k.version } : {}), kind: k.kind, verbs: SUBRESOURCE_VERBS }
  })
  return [main, ...subs]
}

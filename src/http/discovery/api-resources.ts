import { createHash } from 'node:crypto'
import { isVirtual, subresourceKind, subresourceNames, subresourceVerbs, type ResourceDefinition } from '../../registry/resource-definition.js'

/**
 * kube's storageVersionHash: the first 8 bytes of sha256("group/version/kind") of the version
 * objects are stored in (every served version of a CRD carries its storage version's).
 */
export const storageVersionHash = (d: ResourceDefinition) =>
  createHash('sha256').update(`${d.storageGroup ?? d.group}/${d.storageVersion ?? d.version}/${d.kind}`).digest().subarray(0, 8).toString('base64')

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
    const isOtherGroup = k.group !== d.group || k.version !== d.version
    return { name: `${d.plural}/${sub}`, singularName: '', namespaced: d.isNamespaced, ...(isOtherGroup ? { group: k.group, version: k.version } : {}), kind: k.kind, verbs: subresourceVerbs(sub) }
  })
  return [main, ...subs]
}

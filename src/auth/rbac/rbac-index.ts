import { isJsonObject } from '../../api/json-object.js'
import type { KubeObject } from '../../api/types.js'
import type { Revision } from '../../api/resource-version.js'
import type { Commit } from '../../commits/commit.js'
import { readEveryObject } from '../../registry/indexes/read-every-object.js'
import type { StorageReader } from '../../storage/storage.js'
import { toPolicyRules, type PolicyRule } from './policy-rule.js'
import { toRoleBinding, type RoleBinding } from './role-binding.js'

export const RBAC_GROUP = 'rbac.authorization.k8s.io'

/** The storage keys of the four RBAC kinds. */
export const RBAC_RESOURCES = {
  roles: `${RBAC_GROUP}/roles`,
  clusterRoles: `${RBAC_GROUP}/clusterroles`,
  roleBindings: `${RBAC_GROUP}/rolebindings`,
  clusterRoleBindings: `${RBAC_GROUP}/clusterrolebindings`,
} as const

/** A ClusterRole as the authorizer and the aggregation controller read it. */
export interface ClusterRoleEntry {
  readonly name: string
  readonly labels: Readonly<Record<string, string>>
  /** aggregationRule.clusterRoleSelectors as stored; undefined when the role is not aggregated */
  readonly clusterRoleSelectors: readonly unknown[] | undefined
  readonly rules: readonly PolicyRule[]
}

/**
 * Every Role, ClusterRole and binding, in memory, kept from the commit stream (like
 * registry/indexes/commit-fed-index.ts, for four resources): subscribe `onCommit`, then `load`;
 * commits that arrive while loading are held and applied after it. Each change bumps `revision`
 * and tells the listeners, which is how cached decisions and open watches learn that permissions
 * may have changed, and the only time they re-check.
 */
export class RbacIndex {
  readonly #clusterRoles = new Map<string, ClusterRoleEntry>()
  readonly #roles = new Map<string, readonly PolicyRule[]>()
  readonly #clusterRoleBindings = new Map<string, RoleBinding>()
  readonly #roleBindings = new Map<string, Map<string, RoleBinding>>()
  readonly #listeners = new Set<() => void>()
  #sortedClusterRoleBindings: RoleBinding[] | undefined
  #revision = 0
  // Commits published while `load` reads; undefined once loaded (an index built by hand never loads).
  #heldWhileLoading: Commit[] | undefined

  /** reads what storage holds, then applies the commits that arrived meanwhile */
  async load(storage: StorageReader): Promise<void> {
    this.#heldWhileLoading = []
    const loadedAt = new Map<string, Revision>()
    for (const resource of Object.values(RBAC_RESOURCES)) {
      for await (const row of readEveryObject(storage, resource, (r) => loadedAt.set(resource, r))) this.#put(resource, JSON.parse(row.json) as KubeObject)
    }
    const held = this.#heldWhileLoading
    this.#heldWhileLoading = undefined
    for (const commit of held) if (commit.revision > (loadedAt.get(commit.resource) ?? 0)) this.onCommit(commit)
    this.#changed()
  }

  /** bumped by every change to a role or binding */
  get revision(): number {
    return this.#revision
  }

  /** calls `listener` after each change; returns the unsubscribe */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  onCommit(commit: Commit): void {
    if (!isRbacResource(commit.resource)) return
    if (this.#heldWhileLoading) return void this.#heldWhileLoading.push(commit)
    if (commit.type === 'DELETED') this.remove(commit.resource, commit)
    else this.put(commit.resource, commit.object)
  }

  /** records one role or binding as stored (storage key `resource`), as its commit would */
  put(resource: string, object: KubeObject): void {
    this.#put(resource, object)
    this.#changed()
  }

  /** forgets one role or binding, as its deletion would */
  remove(resource: string, key: { namespace: string; name: string }): void {
    this.#remove(resource, key.namespace, key.name)
    this.#changed()
  }

  clusterRole(name: string): ClusterRoleEntry | undefined {
    return this.#clusterRoles.get(name)
  }

  clusterRoles(): IterableIterator<ClusterRoleEntry> {
    return this.#clusterRoles.values()
  }

  role(namespace: string, name: string): readonly PolicyRule[] | undefined {
    return this.#roles.get(`${namespace}/${name}`)
  }

  /** in name order, so that the binding named in an allowed-by reason does not depend on arrival order */
  clusterRoleBindings(): readonly RoleBinding[] {
    return (this.#sortedClusterRoleBindings ??= [...this.#clusterRoleBindings.values()].sort(byName))
  }

  roleBindings(namespace: string): Iterable<RoleBinding> {
    return this.#roleBindings.get(namespace)?.values() ?? []
  }

  #put(resource: string, object: KubeObject): void {
    const { name = '', namespace = '' } = object.metadata
    switch (resource) {
      case RBAC_RESOURCES.clusterRoles:
        this.#clusterRoles.set(name, toClusterRoleEntry(object))
        return
      case RBAC_RESOURCES.roles:
        this.#roles.set(`${namespace}/${name}`, toPolicyRules(object.rules))
        return
      case RBAC_RESOURCES.clusterRoleBindings:
        this.#clusterRoleBindings.set(name, toRoleBinding(object))
        this.#sortedClusterRoleBindings = undefined
        return
      case RBAC_RESOURCES.roleBindings:
        this.#namespaceBindings(namespace).set(name, toRoleBinding(object))
    }
  }

  #remove(resource: string, namespace: string, name: string): void {
    switch (resource) {
      case RBAC_RESOURCES.clusterRoles:
        this.#clusterRoles.delete(name)
        return
      case RBAC_RESOURCES.roles:
        this.#roles.delete(`${namespace}/${name}`)
        return
      case RBAC_RESOURCES.clusterRoleBindings:
        this.#clusterRoleBindings.delete(name)
        this.#sortedClusterRoleBindings = undefined
        return
      case RBAC_RESOURCES.roleBindings: {
        const bindings = this.#roleBindings.get(namespace)
        bindings?.delete(name)
        if (bindings?.size === 0) this.#roleBindings.delete(namespace)
      }
    }
  }

  #namespaceBindings(namespace: string): Map<string, RoleBinding> {
    let bindings = this.#roleBindings.get(namespace)
    if (!bindings) this.#roleBindings.set(namespace, (bindings = new Map()))
    return bindings
  }

  #changed(): void {
    this.#revision += 1
    for (const listener of this.#listeners) listener()
  }
}

const isRbacResource = (resource: string) => resource.startsWith(`${RBAC_GROUP}/`)

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

function toClusterRoleEntry(object: KubeObject): ClusterRoleEntry {
  const aggregation = object.aggregationRule
  const selectors = isJsonObject(aggregation) && Array.isArray(aggregation.clusterRoleSelectors) ? aggregation.clusterRoleSelectors : undefined
  return {
    name: object.metadata.name ?? '',
    labels: object.metadata.labels ?? {},
    clusterRoleSelectors: isJsonObject(aggregation) ? (selectors ?? []) : undefined,
    rules: toPolicyRules(object.rules),
  }
}

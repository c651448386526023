import { compareKubeAwareVersions } from './kube-version-order.js'
import type { ResourceDefinition } from './resource-definition.js'

const pathKey = (group: string, version: string, plural: string) => `${group}/${version}/${plural}`

/**
 * The served resource types, built-in and custom alike. CustomResourceDefinitions add and remove
 * definitions while the server runs; readers that cache something derived from the set
 * (discovery documents, OpenAPI) key it on `generation`, which every change bumps.
 */
export class ResourceRegistry {
  readonly #byPath = new Map<string, ResourceDefinition>()
  #definitions: readonly ResourceDefinition[] = []
  #generation = 0
  readonly #listeners = new Set<() => void>()

  constructor(definitions: readonly ResourceDefinition[]) {
    for (const d of definitions) this.#byPath.set(pathKey(d.group, d.version, d.plural), d)
    this.#definitions = [...this.#byPath.values()]
  }

  /** every served definition, built-in kinds first, in a stable order */
  get definitions(): readonly ResourceDefinition[] {
    return this.#definitions
  }

  /** bumped by every add or remove */
  get generation(): number {
    return this.#generation
  }

  find(group: string, version: string, plural: string): ResourceDefinition | undefined {
    return this.#byPath.get(pathKey(group, version, plural))
  }

  /** serves a definition from now on, replacing one at the same group, version and plural */
  add(definition: ResourceDefinition): void {
    this.#byPath.set(pathKey(definition.group, definition.version, definition.plural), definition)
    this.#changed()
  }

  remove(group: string, version: string, plural: string): void {
    if (this.#byPath.delete(pathKey(group, version, plural))) this.#changed()
  }

  /** calls `listener` after each change; returns the unsubscribe */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /**
   * served group versions: groups in the order they were first served (core first), each group's
   * versions in kube's order of preference (the first is the preferred version)
   */
  groupVersions(): { group: string; version: string }[] {
    const byGroup = new Map<string, Set<string>>()
    for (const d of this.#definitions) {
      const versions = byGroup.get(d.group) ?? new Set<string>()
      byGroup.set(d.group, versions.add(d.version))
    }
    return [...byGroup].flatMap(([group, versions]) => [...versions].sort(compareKubeAwareVersions).map((version) => ({ group, version })))
  }

  inGroupVersion(group: string, version: string): ResourceDefinition[] {
    return this.#definitions.filter((d) => d.group === group && d.version === version)
  }

  namespaced(): ResourceDefinition[] {
    return this.#definitions.filter((d) => d.isNamespaced)
  }

  #changed(): void {
    this.#definitions = [...this.#byPath.values()]
    this.#generation++
    for (const listener of this.#listeners) listener()
  }
}

import type { ResourceDefinition } from './resource-definition.js'

/** The storage key of a resource type: `pods`, `apps/deployments`. */
export const storageResourceOf = (d: Pick<ResourceDefinition, 'group' | 'plural'>) =>
  d.group ? `${d.group}/${d.plural}` : d.plural

/** Finds served resource types by group, version and plural; feeds routing and discovery. */
export class ResourceRegistry {
  readonly #byPath = new Map<string, ResourceDefinition>()

  constructor(readonly definitions: readonly ResourceDefinition[]) {
    for (const d of definitions) this.#byPath.set(`${d.group}/${d.version}/${d.plural}`, d)
  }

  find(group: string, version: string, plural: string): ResourceDefinition | undefined {
    return this.#byPath.get(`${group}/${version}/${plural}`)
  }

  /** served group versions, core first, in a stable order */
  groupVersions(): { group: string; version: string }[] {
    const seen = new Map<string, { group: string; version: string }>()
    for (const d of this.definitions) seen.set(`${d.group}/${d.version}`, { group: d.group, version: d.version })
    return [...seen.values()]
  }

  inGroupVersion(group: string, version: string): ResourceDefinition[] {
    return this.definitions.filter((d) => d.group === group && d.version === version)
  }

  namespaced(): ResourceDefinition[] {
    return this.definitions.filter((d) => d.isNamespaced)
  }
}

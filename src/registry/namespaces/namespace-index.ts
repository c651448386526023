import type { KubeObject } from '../../api/types.js'
import type { ObjectKey } from '../../storage/storage.js'
import { CommitFedIndex } from '../indexes/commit-fed-index.js'

export type NamespacePhase = 'Active' | 'Terminating'

/**
 * Which namespaces exist and whether they are terminating, kept from the commit stream so that a
 * namespaced create checks its namespace without a read and a parse (the write hot path).
 */
export class NamespaceIndex extends CommitFedIndex {
  readonly #phases = new Map<string, NamespacePhase>()

  constructor() {
    super('namespaces')
  }

  phaseOf(name: string): NamespacePhase | undefined {
    return this.#phases.get(name)
  }

  protected record(key: ObjectKey, ns: KubeObject): void {
    this.#phases.set(key.name, ns.metadata.deletionTimestamp ? 'Terminating' : 'Active')
  }

  protected forget(key: ObjectKey): void {
    this.#phases.delete(key.name)
  }
}

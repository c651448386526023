import type { KubeObject } from '../../api/types.js'
import type { Commit } from '../../commits/commit.js'
import type { Storage } from '../../storage/storage.js'

export type NamespacePhase = 'Active' | 'Terminating'

/**
 * Which namespaces exist and whether they are terminating, kept from the commit stream so that a
 * namespaced create checks its namespace without a read and a parse (the write hot path).
 */
export class NamespaceIndex {
  readonly #phases = new Map<string, NamespacePhase>()

  constructor(storage: Storage) {
    let after: { namespace: string; name: string } | undefined
    for (;;) {
      const page = storage.list({ resource: 'namespaces', atRevision: storage.currentRevision(), after, limit: 1000 })
      for (const row of page) this.#record(JSON.parse(row.json) as KubeObject)
      if (page.length < 1000) break
      after = { namespace: '', name: page.at(-1)!.key.name }
    }
  }

  phaseOf(name: string): NamespacePhase | undefined {
    return this.#phases.get(name)
  }

  onCommit(commit: Commit): void {
    if (commit.resource !== 'namespaces') return
    if (commit.type === 'DELETED') this.#phases.delete(commit.name)
    else this.#record(commit.object)
  }

  #record(ns: KubeObject): void {
    this.#phases.set(ns.metadata.name!, ns.metadata.deletionTimestamp ? 'Terminating' : 'Active')
  }
}

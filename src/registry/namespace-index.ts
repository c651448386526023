import type { Revision } from '../api/resource-version.js'
import type { KubeObject } from '../api/types.js'
import type { Commit } from '../commits/commit.js'
import type { StorageReader } from '../storage/storage.js'

export type NamespacePhase = 'Active' | 'Terminating'

const PAGE_ROWS = 1000

/**
 * Which namespaces exist and whether they are terminating, kept from the commit stream so that a
 * namespaced create checks its namespace without a read and a parse (the write hot path).
 */
export class NamespaceIndex {
  readonly #phases = new Map<string, NamespacePhase>()
  // Commits that came while the namespaces were being read, applied after them.
  #heldWhileLoading: Commit[] | undefined = []

  /** reads every namespace; subscribe onCommit first, so nothing committed meanwhile is missed */
  async load(storage: StorageReader): Promise<void> {
    let after: { namespace: string; name: string } | undefined
    let revision: Revision | undefined
    for (;;) {
      const page = await storage.list({ resource: 'namespaces', ...(revision === undefined ? {} : { atRevision: revision }), ...(after ? { after } : {}), limit: PAGE_ROWS })
      revision = page.revision
      for (const row of page.objects) this.#record(JSON.parse(row.json) as KubeObject)
      if (page.objects.length < PAGE_ROWS) break
      after = { namespace: '', name: page.objects.at(-1)!.key.name }
    }
    const held = this.#heldWhileLoading ?? []
    this.#heldWhileLoading = undefined
    for (const commit of held) if (commit.revision > revision) this.onCommit(commit)
  }

  phaseOf(name: string): NamespacePhase | undefined {
    return this.#phases.get(name)
  }

  onCommit(commit: Commit): void {
    if (commit.resource !== 'namespaces') return
    if (this.#heldWhileLoading) return void this.#heldWhileLoading.push(commit)
    if (commit.type === 'DELETED') this.#phases.delete(commit.name)
    else this.#record(commit.object)
  }

  #record(ns: KubeObject): void {
    this.#phases.set(ns.metadata.name!, ns.metadata.deletionTimestamp ? 'Terminating' : 'Active')
  }
}

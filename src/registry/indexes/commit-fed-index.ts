import type { Revision } from '../../api/resource-version.js'
import type { KubeObject } from '../../api/types.js'
import type { Commit } from '../../commits/commit.js'
import type { ObjectKey, StorageReader } from '../../storage/storage.js'
import { readEveryObject } from './read-every-object.js'

/**
 * An in-memory view of one resource's objects, kept from the commit stream so a write can consult
 * it without a read and a parse. `load` reads every object page by page at one revision; commits
 * that arrive meanwhile are held and applied after it, those at or below that revision dropped.
 * Subscribe `onCommit` before calling `load`, so nothing committed in between is missed.
 */
export abstract class CommitFedIndex {
  #heldWhileLoading: Commit[] | undefined = []

  constructor(readonly resource: string) {}

  async load(storage: StorageReader): Promise<void> {
    let revision = 0 as Revision
    for await (const row of readEveryObject(storage, this.resource, (r) => (revision = r))) this.record(row.key, JSON.parse(row.json) as KubeObject)
    const held = this.#heldWhileLoading ?? []
    this.#heldWhileLoading = undefined
    for (const commit of held) if (commit.revision > revision) this.onCommit(commit)
  }

  onCommit(commit: Commit): void {
    if (commit.resource !== this.resource) return
    if (this.#heldWhileLoading) return void this.#heldWhileLoading.push(commit)
    const key = { resource: commit.resource, namespace: commit.namespace, name: commit.name }
    if (commit.type === 'DELETED') this.forget(key, commit.object)
    else this.record(key, commit.object)
  }

  /** an object as it is now */
  protected abstract record(key: ObjectKey, object: KubeObject): void
  /** an object that is gone */
  protected abstract forget(key: ObjectKey, lastState: KubeObject): void
}

import type { Revision } from '../api/resource-version.js'
import type { KubeObject } from '../api/types.js'

export type CommitType = 'ADDED' | 'MODIFIED' | 'DELETED'

/** One committed change, as published to watchers after COMMIT. */
export interface Commit {
  revision: Revision
  type: CommitType
  /** storage key of the resource type: `pods`, `apps/deployments` */
  resource: string
  /** '' for cluster-scoped objects */
  namespace: string
  name: string
  /** the object as stored, serialized once for every watcher */
  objectJson: string
  object: KubeObject
  /** the state before this change as stored, for selector transitions (parsed only if a watcher needs it); undefined on ADDED */
  previousJson: string | undefined
}

/** Where storage hands commits after they are durable. */
export interface CommitPublisher {
  publish(commits: readonly Commit[]): void
}

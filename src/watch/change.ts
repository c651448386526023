import type { Revision } from '../api/resource-version.js'
import type { KubeObject } from '../api/types.js'
import type { Commit, CommitType } from '../commits/commit.js'
import type { StoredEvent } from '../storage/storage.js'

/** One change a watcher may be told about, live (a Commit) or read back from the log. */
export interface Change {
  revision: Revision
  type: CommitType
  namespace: string
  name: string
  objectJson: string
  object(): KubeObject
  /** the state before, for selector transitions; undefined for ADDED */
  previous(): KubeObject | undefined
}

export function changeFromCommit(commit: Commit): Change {
  return {
    revision: commit.revision,
    type: commit.type,
    namespace: commit.namespace,
    name: commit.name,
    objectJson: commit.objectJson,
    object: () => commit.object,
    previous: () => commit.previous,
  }
}

/** A log row as a Change; objects parse lazily and the previous state is read only if asked for. */
export function changeFromEvent(event: StoredEvent, readPrevious: (revision: Revision) => string | undefined): Change {
  let object: KubeObject | undefined
  return {
    revision: event.revision,
    type: event.type,
    namespace: event.key.namespace,
    name: event.key.name,
    objectJson: event.json,
    object: () => (object ??= JSON.parse(event.json) as KubeObject),
    previous: () => {
      if (event.prevRevision === undefined) return undefined
      const json = readPrevious(event.prevRevision)
      return json === undefined ? undefined : (JSON.parse(json) as KubeObject)
    },
  }
}

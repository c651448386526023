import type { Revision } from '../api/resource-version.js'
import type { KubeObject } from '../api/types.js'
import type { Commit, CommitType } from '../commits/commit.js'
import { EVENT_LINE, type StoredEvent } from '../storage/storage.js'

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

/** computes once, on first use: objects parse only for watchers that read them, and only once */
export function once<T>(compute: () => T): () => T {
  let done = false
  let value: T
  return () => {
    if (!done) {
      value = compute()
      done = true
    }
    return value
  }
}

const parse = (json: string) => JSON.parse(json) as KubeObject

export function changeFromCommit(commit: Commit): Change {
  return {
    revision: commit.revision,
    type: commit.type,
    namespace: commit.namespace,
    name: commit.name,
    objectJson: commit.objectJson,
    object: () => commit.object,
    previous: once(() => (commit.previousJson === undefined ? undefined : parse(commit.previousJson))),
  }
}

/** A log row as a Change; objects parse lazily, the previous state (read with the row, for selector watchers) too. */
export function changeFromEvent(event: StoredEvent): Change {
  return {
    revision: event.revision,
    type: event.type,
    namespace: event.key.namespace,
    name: event.key.name,
    objectJson: event.json,
    object: once(() => parse(event.json)),
    previous: once(() => (event.previousJson === undefined ? undefined : parse(event.previousJson))),
  }
}

/** the bytes before the object in a watch event line (EVENT_LINE) */
const bytesBeforeObject = (type: CommitType) => EVENT_LINE.beforeType.length + type.length + EVENT_LINE.beforeObject.length

/**
 * A log row read as its watch event line (a block's joined lines, from `start` to `end`; joined
 * replays send the lines as they are): the object's JSON is decoded from the line only for watchers
 * that render it (Tables, conversions), and its key read from it only when asked.
 */
export class LineChange implements Change {
  #json: string | undefined
  #object: KubeObject | undefined

  constructor(
    readonly revision: Revision,
    readonly type: CommitType,
    private readonly line: { lines: Buffer; start: number; end: number },
  ) {}

  get objectJson(): string {
    const { lines, start, end } = this.line
    return (this.#json ??= lines.toString('utf8', start + bytesBeforeObject(this.type), end - EVENT_LINE.afterObject.length))
  }

  get namespace(): string {
    return this.object().metadata.namespace ?? ''
  }

  get name(): string {
    return this.object().metadata.name ?? ''
  }

  object(): KubeObject {
    return (this.#object ??= parse(this.objectJson))
  }

  previous(): undefined {
    return undefined
  }
}

import type { Revision } from '../api/resource-version.js'
import type { KubeObject } from '../api/types.js'
import type { Commit, CommitType } from '../commits/commit.js'

/** Identifies one object: resource type key (`pods`, `apps/deployments`), namespace ('' if cluster-scoped), name. */
export interface ObjectKey {
  resource: string
  namespace: string
  name: string
}

/** One object as the snapshot or the log holds it. */
export interface StoredObject {
  key: ObjectKey
  /** revision of its last change: its resourceVersion */
  revision: Revision
  /** the object as JSON, resourceVersion included */
  json: string
}

/** Who and what made a change; recorded on its log row for the history features. */
export interface WriteAudit {
  verb: string
  fieldManager?: string
  userAgent?: string
  username?: string
}

/** What a write turns the current state into. */
export type WriteOutcome =
  | { type: 'put'; object: KubeObject }
  | { type: 'delete'; object: KubeObject }
  | { type: 'unchanged' }

/** A write's precondition, checked inside the transaction before `apply` runs. */
export type WritePrecondition =
  | { type: 'absent' }
  | { type: 'present' }
  /** present, and last changed at exactly this revision (optimistic concurrency) */
  | { type: 'revision'; revision: Revision }
  | { type: 'none' }

export interface Write {
  key: ObjectKey
  precondition: WritePrecondition
  /**
   * Computes the next state from the current one, inside the transaction, synchronously.
   * It may throw to fail this write alone. Storage stamps metadata.resourceVersion.
   */
  apply(current: StoredObject | undefined): WriteOutcome
  audit: WriteAudit
}

/** A write's result: the commit it made, or the unchanged current object. */
export type WriteResult = { commit: Commit } | { unchanged: StoredObject }

/** A stored log row: one commit read back from the log. */
export interface StoredEvent {
  revision: Revision
  type: CommitType
  key: ObjectKey
  json: string
  prevRevision: Revision | undefined
  /** the row at prevRevision's object, when the read asked for it (`withPrevious`) and it is retained */
  previousJson?: string
  /** when it was committed, unix milliseconds */
  committedAtMs: number
}

/** A log row with who and when: one revision of an object's history. */
export interface HistoryEntry extends StoredEvent {
  audit: WriteAudit
}

export interface ListRequest {
  resource: string
  /** undefined lists every namespace */
  namespace?: string
  /**
   * the state as it stood at this revision (storage reads the log once the snapshot moved on);
   * undefined: the newest state, at the revision storage read it at, which the page returns
   */
  atRevision?: Revision
  /** resume after this key (pagination); namespace and name of the last object sent */
  after?: { namespace: string; name: string }
  limit: number
  /**
   * the caller takes the page as `ListPage.joined` where storage can read it so (objects served
   * as stored, unfiltered); a storage or a read that cannot answers with `objects` as usual
   */
  shouldJoin?: boolean
}

/**
 * A page of stored objects as the items of a JSON array: their JSON as stored, in key order,
 * joined by commas, in one UTF-8 buffer. Encode once: the bytes go to the socket as they are.
 */
export interface JoinedObjects {
  json: Buffer
  count: number
  /** set when more objects follow the page: the key of its last object, to resume after */
  continueAfter?: { namespace: string; name: string }
}

/** One page of a list, and the revision it shows: later pages ask for that same revision. */
export interface ListPage {
  revision: Revision
  /** empty when the page came `joined` */
  objects: StoredObject[]
  /** the page as joined JSON, when the request allowed it (`shouldJoin`) and storage read it so */
  joined?: JoinedObjects
}

/**
 * What a range of the log does below the compacted revision, where compaction removed rows:
 * `refuse` (the default) throws Compacted, since the answer would miss changes; `retained`
 * returns the rows compaction kept (each key's last state then), for replay and the timeline.
 */
export type BelowCompaction = 'refuse' | 'retained'

export interface EventRange {
  /** exclusive */
  afterRevision: Revision
  /** inclusive */
  upToRevision: Revision
  /** only events of this resource type, and namespace when given */
  resource?: string
  namespace?: string
  limit: number
  belowCompaction?: BelowCompaction
  /** also read each row's previous state (`previousJson`), for selector transitions: one read, not one per row */
  withPrevious?: boolean
}

/**
 * A watch event line around its type and object: `{"type":"` + type + `","object":` + object + `}\n`.
 * Storage builds these lines in its reads (EventLines), the watch builds them for live changes and
 * reads objects back out of them: one definition for all three. ASCII only, so lengths are bytes.
 */
export const EVENT_LINE = { beforeType: '{"type":"', beforeObject: '","object":', afterObject: '}\n' } as const

/**
 * Log rows as the lines a watch sends for them, `{"type":"ADDED","object":{…}}` and a newline
 * each, joined by the read into one Buffer, with each row's revision, type and line length: a
 * replay then costs no string and no Buffer per row (readEventLines). The rows' keys are in their
 * objects' metadata.
 */
export interface EventLines {
  revisions: Revision[]
  types: CommitType[]
  lineBytes: number[]
  lines: Buffer
}

/** A page of one object's history: its log rows after a revision. */
export interface HistoryPage {
  afterRevision: Revision
  limit: number
  belowCompaction?: BelowCompaction
}

/** How long a wait for a revision from the future lasts: kube's cacher waits 3 s (waitUntilFreshAndBlock). */
export const REVISION_WAIT_MS = 3000

/**
 * The read side of the persistence boundary: everything the watch layer, the read verbs, the
 * as-of view and the command-line tools need. Reads are asynchronous (a network round trip on a
 * database server); the two revision accessors are not: they answer from what this storage
 * already knows, with no I/O.
 *
 * Storage owns the rules of revisions: a read at a revision it cannot answer throws RevisionError
 * (`Compacted` or `RevisionTooNew`); callers translate that, they never compare revisions themselves.
 */
export interface StorageReader {
  /** the newest committed revision; every commit up to it has been published */
  currentRevision(): Revision
  /** reads of states older than this revision, or of the log before it, throw Compacted */
  compactedRevision(): Revision
  /** resolves once `revision` is committed and published; RevisionTooNew after `timeoutMs` (default REVISION_WAIT_MS) */
  waitForRevision(revision: Revision, options?: { timeoutMs?: number }): Promise<void>
  get(key: ObjectKey): Promise<StoredObject | undefined>
  /** one object as it stood at a past revision (from the log once the snapshot moved on) */
  getAt(key: ObjectKey, revision: Revision): Promise<StoredObject | undefined>
  /** one object's log rows, oldest first, deletions and re-creations included */
  history(key: ObjectKey, page: HistoryPage): Promise<HistoryEntry[]>
  /** the newest revision committed at or before a time (unix ms); 0 if none */
  revisionAt(timeMs: number): Promise<Revision>
  /** one page of a list, in key order, at `atRevision` or (without it) the newest state */
  list(request: ListRequest): Promise<ListPage>
  /** log rows in revision order */
  readEvents(range: EventRange): Promise<StoredEvent[]>
  /** the same rows as watch event lines (no previous states), where the storage can build them in its read */
  readEventLines?(range: EventRange): Promise<EventLines>
}

/** The write side: commits (published after COMMIT), dry runs, and compaction. */
export interface StorageWriter {
  /** queue a write; resolves after its transaction has committed durably */
  write(write: Write): Promise<WriteResult>
  /** what a write would do now, without storing or publishing anything (dryRun=All) */
  preview(write: Write): Promise<WriteOutcome & { current?: StoredObject }>
  /**
   * drops log rows at or before `revision` that later rows supersede, in small transactions that
   * yield to the event loop between them, so writes are never held up for long
   */
  compact(revision: Revision): Promise<void>
}

/** What the startup self-check compared, found and did. */
export interface SnapshotCheck {
  /** the newest log rows compared with the snapshot */
  checkedLogRows: number
  /** the newest snapshot rows compared with the log */
  checkedSnapshotRows: number
  /** each disagreement found (the first few), as `<resource> <namespace>/<name>: <what differs>` */
  mismatches: string[]
  /** the snapshot was rebuilt from the log, because they disagreed */
  isRebuilt: boolean
  /** objects in the rebuilt snapshot */
  rebuiltObjects?: number
  elapsedMs: number
}

/**
 * The persistence boundary a server runs on: one implementation today (SQLite); tests run a
 * shared contract against every one (test/contract/storage-contract.ts).
 */
export interface Storage extends StorageReader, StorageWriter {
  /**
   * The startup self-check, run before the server serves: the newest `tailRows` (SQLite: 256) log
   * rows and snapshot rows must agree, read through indexes, never a scan of the log. On a mismatch
   * the snapshot is rebuilt from the log, the source of truth (ADR 0016).
   */
  checkSnapshot(options?: { tailRows?: number }): Promise<SnapshotCheck>
  close(): Promise<void>
}

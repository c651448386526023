import type { LogRow } from './bundle-format.js'

/** One consistent snapshot of a storage's retained log, as export reads it. */
export interface LogSnapshot {
  currentRevision: number
  compactedRevision: number
  /** how many log rows the snapshot holds */
  eventCount: number
  /** rows after `revision`, in revision order, at most `limit` */
  rowsAfter(revision: number, limit: number): Promise<LogRow[]>
}

/** A storage's log as export reads it: the same for SQLite and PostgreSQL. */
export interface LogSource {
  /** runs `body` on one snapshot (a read transaction): the bundle is one revision, however long it takes */
  inSnapshot<T>(body: (snapshot: LogSnapshot) => Promise<T>): Promise<T>
}

/** An empty storage as import fills it: the same for SQLite and PostgreSQL. */
export interface LogSink {
  /** true when it holds no log row and no object */
  isEmpty(): Promise<boolean>
  /** writes rows (in revision order, revisions kept) and their effect on the current state, as commits would */
  append(rows: readonly LogRow[]): Promise<void>
  /** sets the source's newest revision and compaction point, exactly */
  finish(revisions: { currentRevision: number; compactedRevision: number }): Promise<void>
}

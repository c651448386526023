import type { Database } from 'better-sqlite3'
import type { Revision } from '../../api/resource-version.js'
import { newestRevision, readCompactedRevision } from './compaction.js'
import { EventLog } from './event-log.js'
import { History } from './history.js'
import { Snapshot } from './snapshot.js'
import { checkCommitted, checkLogReadable, checkStateReadable, type RevisionBounds } from '../revision-rules.js'
import type { EventRange, HistoryEntry, HistoryPage, ListRequest, ObjectKey, StorageReader, StoredEvent, StoredObject } from '../storage.js'

/**
 * A StorageReader over a database opened read-only, for the command-line tools (history, replay)
 * and `serve --as-of`: the same log, snapshot and history readers SqliteStorage composes, and no
 * writer at all. It follows no commit stream, so revisions are read from the database on every
 * call and reads at a revision always go to the log.
 */
export class ReadOnlyStorage implements StorageReader {
  readonly #db: Database
  readonly #log: EventLog
  readonly #snapshot: Snapshot
  readonly #history: History

  constructor(db: Database) {
    this.#db = db
    this.#log = new EventLog(db)
    this.#snapshot = new Snapshot(db)
    this.#history = new History(db)
  }

  currentRevision(): Revision {
    return newestRevision(this.#db)
  }

  compactedRevision(): Revision {
    return readCompactedRevision(this.#db)
  }

  // It sees no commits, so it cannot wait for one: a revision not committed yet is refused at once.
  async waitForRevision(revision: Revision): Promise<void> {
    checkCommitted(revision, this.#bounds())
  }

  get(key: ObjectKey): StoredObject | undefined {
    return this.#snapshot.get(key)
  }

  getAt(key: ObjectKey, revision: Revision): StoredObject | undefined {
    checkStateReadable(revision, this.#bounds())
    return this.#history.get(key, revision)
  }

  history(key: ObjectKey, page: HistoryPage): HistoryEntry[] {
    checkLogReadable({ ...page, upToRevision: page.afterRevision }, this.#bounds())
    return this.#log.history(key, page.afterRevision, page.limit)
  }

  revisionAt(timeMs: number): Revision {
    return this.#log.revisionAt(timeMs)
  }

  // It does not know which resources changed since a revision, so reads at one always go to the log.
  list(request: ListRequest): StoredObject[] {
    checkStateReadable(request.atRevision, this.#bounds())
    return this.#history.page(request, request.atRevision)
  }

  readEvents(range: EventRange): StoredEvent[] {
    checkLogReadable(range, this.#bounds())
    return this.#log.readRange(range)
  }

  readEvent(revision: Revision): StoredEvent | undefined {
    checkCommitted(revision, this.#bounds())
    return this.#log.read(revision)
  }

  async close(): Promise<void> {
    this.#db.close()
  }

  #bounds(): RevisionBounds {
    return { compacted: this.compactedRevision(), current: this.currentRevision() }
  }
}

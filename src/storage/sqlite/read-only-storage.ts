import type { Database } from 'better-sqlite3'
import type { Revision } from '../../api/resource-version.js'
import { newestRevision, readCompactedRevision } from './compaction.js'
import { EventLog } from './event-log.js'
import { History } from './history.js'
import { readListPage } from './list-page.js'
import { Snapshot } from './snapshot.js'
import { checkCommitted, checkLogReadable, checkStateReadable, type RevisionBounds } from '../revision-rules.js'
import type { EventRange, HistoryEntry, HistoryPage, ListPage, ListRequest, ObjectKey, StorageReader, StoredEvent, StoredObject } from '../storage.js'

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

  async get(key: ObjectKey): Promise<StoredObject | undefined> {
    return this.#snapshot.get(key)
  }

  async getAt(key: ObjectKey, revision: Revision): Promise<StoredObject | undefined> {
    checkStateReadable(revision, this.#bounds())
    return this.#history.get(key, revision)
  }

  async history(key: ObjectKey, page: HistoryPage): Promise<HistoryEntry[]> {
    checkLogReadable({ ...page, upToRevision: page.afterRevision }, this.#bounds())
    return this.#log.history(key, page.afterRevision, page.limit)
  }

  async revisionAt(timeMs: number): Promise<Revision> {
    return this.#log.revisionAt(timeMs)
  }

  // It does not know which resources changed since a revision, so reads at one always go to the
  // log. The newest state is the snapshot, read in one transaction with the revision it shows (a
  // server may be writing beside us).
  async list(request: ListRequest): Promise<ListPage> {
    if (request.atRevision === undefined) return this.#readNewest(request)
    checkStateReadable(request.atRevision, this.#bounds())
    return readListPage(this.#history, request, request.atRevision)
  }

  async readEvents(range: EventRange): Promise<StoredEvent[]> {
    checkLogReadable(range, this.#bounds())
    return this.#log.readRange(range)
  }

  async close(): Promise<void> {
    this.#db.close()
  }

  #readNewest(request: ListRequest): ListPage {
    return this.#db.transaction(() => ({ revision: this.currentRevision(), objects: this.#snapshot.page(request) }))()
  }

  #bounds(): RevisionBounds {
    return { compacted: this.compactedRevision(), current: this.currentRevision() }
  }
}

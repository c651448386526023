import type { Database } from 'better-sqlite3'
import { asRevision, type Revision } from '../../api/resource-version.js'
import type { KubeObject } from '../../api/types.js'
import type { CommitType } from '../../commits/commit.js'
import { StorageError } from '../errors.js'
import type { StoredObject, Write, WriteOutcome, WriteResult } from '../storage.js'
import { decideWrite, stampRevision } from '../write-decision.js'
import type { EventLog } from './event-log.js'
import type { Snapshot } from './snapshot.js'

/** One queued write's outcome: its result, or what it failed with (it fails alone). */
export type BatchOutcome = { result: WriteResult } | { error: unknown }

export interface CommitContext {
  db: Database
  log: EventLog
  snapshot: Snapshot
  /** the newest committed revision; advanced only when the batch's transaction commits */
  currentRevision(): Revision
}

/** What a write would do, without doing it (dryRun=All): the same decision as a commit's. */
export function previewWrite(snapshot: Snapshot, write: Write): WriteOutcome & { current?: StoredObject } {
  const current = snapshot.get(write.key)
  return { ...decideWrite(write, current), ...(current ? { current } : {}) }
}

type CommitOne = (write: Write, revision: Revision, nowMs: number) => WriteResult

/** A statement failed after the write had changed something: without a savepoint it cannot fail alone. */
class ChangedThenFailed extends Error {
  constructor(readonly failure: unknown) {
    super('a write failed after its first change')
  }
}

/** Runs what follows a write's first change; a failure there is marked as such. */
function afterFirstChange<T>(run: () => T): T {
  try {
    return run()
  } catch (error) {
    throw new ChangedThenFailed(error)
  }
}

/**
 * The batch's body: each write in order, each taking the next revision if it commits. A write that
 * fails before changing anything fails alone; one that fails after aborts the batch, unless each
 * write runs in its own savepoint (`isIsolated`).
 */
function commitEach(ctx: CommitContext, options: { commitOne: CommitOne; isIsolated: boolean }): (writes: readonly Write[]) => BatchOutcome[] {
  return (writes) => {
    let next = ctx.currentRevision() as number
    const nowMs = Date.now()
    return writes.map((write) => {
      try {
        const result = options.commitOne(write, asRevision(next + 1), nowMs)
        if ('commit' in result) next += 1
        return { result }
      } catch (error) {
        if (!(error instanceof ChangedThenFailed)) return { error }
        if (!options.isIsolated) throw error
        return { error: error.failure }
      }
    })
  }
}

/**
 * Builds THE transaction: for each write, check its precondition, compute its next state, append
 * the log row and apply it to the snapshot. One transaction (one fsync) for the whole batch; the
 * caller publishes the returned commits only after it returns, that is after COMMIT.
 */
export function makeCommitBatch(ctx: CommitContext): (writes: readonly Write[]) => BatchOutcome[] {
  const appendToLog = (write: Write, change: { revision: Revision; type: CommitType; json: string; object: KubeObject; current?: StoredObject }, nowMs: number): WriteResult => {
    const { revision, type, json, current } = change
    ctx.log.append({ revision, type, key: write.key, json, prevRevision: current?.revision, audit: write.audit }, nowMs)
    return { commit: { revision, type, ...write.key, objectJson: json, object: change.object, previousJson: current?.json } }
  }

  // A create needs no read: inserting the snapshot row first fails on an existing key (the failed
  // statement leaves nothing behind, so the write fails alone).
  const createOne = (write: Write, revision: Revision, nowMs: number): WriteResult => {
    const outcome = write.apply(undefined)
    if (outcome.type !== 'put') throw new Error('a create must put an object')
    const json = stampRevision(outcome.object, revision)
    try {
      ctx.snapshot.insert(write.key, revision)
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new StorageError('KeyExists', 'key exists', write.key)
      throw error
    }
    return afterFirstChange(() => appendToLog(write, { revision, type: 'ADDED', json, object: outcome.object }, nowMs))
  }

  const commitOne = (write: Write, revision: Revision, nowMs: number): WriteResult => {
    if (write.precondition.type === 'absent') return createOne(write, revision, nowMs)
    const current = ctx.snapshot.get(write.key)
    const outcome = decideWrite(write, current)
    if (outcome.type === 'unchanged') return { unchanged: current! }
    const json = stampRevision(outcome.object, revision)
    const type: CommitType = outcome.type === 'delete' ? 'DELETED' : current ? 'MODIFIED' : 'ADDED'
    return afterFirstChange(() => {
      if (type === 'DELETED') ctx.snapshot.delete(write.key)
      else ctx.snapshot.put(write.key, revision)
      return appendToLog(write, { revision, type, json, object: outcome.object, ...(current ? { current } : {}) }, nowMs)
    })
  }

  // Every way a write fails on its own (precondition, apply, size, an existing key) comes before its
  // first change, so no write needs a savepoint (two statements per write: a tenth of a create's CPU).
  // A statement failing after a change (the database refusing a value, an I/O error) rolls the whole
  // batch back; then the batch runs again with one savepoint per write, so only the one at fault fails.
  const commitFast = ctx.db.transaction(commitEach(ctx, { commitOne, isIsolated: false }))
  const commitIsolated = ctx.db.transaction(commitEach(ctx, { commitOne: ctx.db.transaction(commitOne), isIsolated: true }))
  return (writes) => {
    try {
      return commitFast(writes)
    } catch (error) {
      if (!(error instanceof ChangedThenFailed)) throw error
      return commitIsolated(writes)
    }
  }
}

import { setTimeout as sleep } from 'node:timers/promises'
import type { Revision } from '../../src/api/resource-version.js'
import type { EventRange, HistoryPage, ListRequest, ObjectKey, Storage, Write } from '../../src/storage/storage.js'

/**
 * A real storage whose reads take a while, as they do over a network: each waits `delayMs` (a real
 * timer), reads, then waits again before answering, so commits land both before a read runs and
 * while its answer is on the way. Not a mock: every answer is the wrapped storage's own. It shows
 * that nothing above storage relies on reads being synchronous (SQLite's are).
 */
export function delayedReads(storage: Storage, delayMs: number): Storage {
  const delayed = async <T>(read: () => Promise<T>): Promise<T> => {
    await sleep(delayMs)
    const answer = await read()
    await sleep(delayMs)
    return answer
  }
  return {
    currentRevision: () => storage.currentRevision(),
    compactedRevision: () => storage.compactedRevision(),
    waitForRevision: (revision: Revision, options?: { timeoutMs?: number }) => storage.waitForRevision(revision, options),
    get: (key: ObjectKey) => delayed(() => storage.get(key)),
    getAt: (key: ObjectKey, revision: Revision) => delayed(() => storage.getAt(key, revision)),
    history: (key: ObjectKey, page: HistoryPage) => delayed(() => storage.history(key, page)),
    revisionAt: (timeMs: number) => delayed(() => storage.revisionAt(timeMs)),
    list: (request: ListRequest) => delayed(() => storage.list(request)),
    readEvents: (range: EventRange) => delayed(() => storage.readEvents(range)),
    write: (write: Write) => storage.write(write),
    preview: (write: Write) => delayed(() => storage.preview(write)),
    compact: (revision: Revision) => storage.compact(revision),
    close: () => storage.close(),
  }
}

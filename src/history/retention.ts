import type { Logger } from 'pino'
import { asRevision, type Revision } from '../api/resource-version.js'
import type { StorageReader, StorageWriter } from '../storage/storage.js'

export interface RetentionPolicy {
  /** keep history at least this long; 0 keeps it forever */
  retentionMs: number
  /** keep at least this many most recent revisions; 0 sets no revision bound */
  keepRevisions: number
  /** how often the compactor wakes up */
  intervalMs: number
}

/** The newest revision the policy allows to compact up to; 0 when nothing may go. */
async function compactionTarget(storage: StorageReader, policy: RetentionPolicy, nowMs: number): Promise<Revision> {
  // Both bounds are "keep at least": compact only what every bound that is on allows to go.
  const bounds: number[] = []
  if (policy.retentionMs > 0) bounds.push(await storage.revisionAt(nowMs - policy.retentionMs))
  if (policy.keepRevisions > 0) bounds.push(storage.currentRevision() - policy.keepRevisions)
  return asRevision(bounds.length ? Math.max(0, Math.min(...bounds)) : 0)
}

/** Compacts on a schedule by the retention policy; compaction itself runs in small steps. */
export function startRetention(storage: StorageReader & StorageWriter, policy: RetentionPolicy, log: Logger): { stop(): void } {
  let isRunning = false
  const tick = async () => {
    if (isRunning) return
    isRunning = true
    try {
      const target = await compactionTarget(storage, policy, Date.now())
      if (target > storage.compactedRevision()) {
        const startedMs = Date.now()
        await storage.compact(target)
        log.info({ compactedRevision: target, ms: Date.now() - startedMs }, 'history compacted')
      }
    } catch (error) {
      log.error({ err: error }, 'compaction failed')
    } finally {
      isRunning = false
    }
  }
  const timer = setInterval(() => void tick(), policy.intervalMs)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}

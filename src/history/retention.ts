import type { Logger } from 'pino'
import { asRevision, type Revision } from '../api/resource-version.js'
import type { Storage } from '../storage/storage.js'

export interface RetentionPolicy {
  /** keep history at least this long; 0 keeps it forever */
  retentionMs: number
  /** keep at least this many most recent revisions; 0 sets no revision bound */
  keepRevisions: number
  /** how often the compactor wakes up */
  intervalMs: number
}

/** The newest revision the policy allows to compact up to; 0 when nothing may go. */
export function compactionTarget(storage: Storage, policy: RetentionPolicy, nowMs: number): Revision {
  const byTime = policy.retentionMs > 0 ? storage.revisionAt(nowMs - policy.retentionMs) : 0
  const byCount = policy.keepRevisions > 0 ? storage.currentRevision() - policy.keepRevisions : 0
  // Both bounds are "keep at least": compact only what both allow to go.
  const bounds = [policy.retentionMs > 0 ? byTime : undefined, policy.keepRevisions > 0 ? byCount : undefined].filter((b) => b !== undefined)
  if (bounds.length === 0) return asRevision(0)
  return asRevision(Math.max(0, Math.min(...bounds)))
}

/** Compacts on a schedule by the retention policy; compaction itself runs in small steps. */
export function startRetention(storage: Storage, policy: RetentionPolicy, log: Logger): { stop(): void } {
  let isRunning = false
  const tick = async () => {
    if (isRunning) return
    isRunning = true
    try {
      const target = compactionTarget(storage, policy, Date.now())
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

import { postgresMissing, startPostgres } from '../../test/support/postgres.js'
import type { BenchCase, CaseContext } from '../support/bench-case.js'
import { startCommandChild, type CommandChild } from '../support/command-child.js'
import { runLoad, type LoadResult } from '../support/load-generator.js'
import { podBody, podName } from '../support/pods.js'
import type { ResultRow } from '../support/result-row.js'
import { makeTempDir } from '../support/temp-dirs.js'

// Creates on a PostgreSQL replica, with and without retention dropping old partitions of the log
// meanwhile: compaction must never hold writers up (ADR 0012).

const PARTITION_REVISIONS = 500
const CONCURRENCY = 32
const MEASURE_MS = 4000
const COMPACT_EVERY_MS = 300
const KEEP_REVISIONS = 1000

const load = (url: string, prefix: string): Promise<LoadResult> => runLoad({
  url, concurrency: CONCURRENCY, warmupMs: 300, durationMs: MEASURE_MS,
  next: (i) => ({ method: 'POST', path: '/api/v1/namespaces/default/pods', headers: { 'content-type': 'application/json' }, body: podBody(podName(prefix, i)) }),
})

/** compacts every COMPACT_EVERY_MS until stopped; resolves with what it did */
async function compactWhile(ctx: CaseContext, replica: CommandChild, isRunning: () => boolean) {
  let partitionsDropped = 0
  let compactions = 0
  let slowestMs = 0
  while (isRunning()) {
    const result = await replica.request<{ ms: number; partitionsBefore: number; partitionsAfter: number }>('compact', { keep: KEEP_REVISIONS })
    partitionsDropped += Math.max(0, result.partitionsBefore - result.partitionsAfter)
    compactions += 1
    slowestMs = Math.max(slowestMs, result.ms)
    await new Promise((resolve) => setTimeout(resolve, COMPACT_EVERY_MS))
  }
  ctx.log(`  ${compactions} compactions, ${partitionsDropped} partitions of ${PARTITION_REVISIONS} revisions dropped, the slowest took ${slowestMs.toFixed(0)} ms`)
  return partitionsDropped
}

export const partitionDrops: BenchCase = {
  name: 'postgres partition drops',
  async run(ctx) {
    if (postgresMissing) {
      ctx.log(`  skipped: ${postgresMissing}`)
      return []
    }
    const cluster = await startPostgres({ isDurable: true })
    const replica = startCommandChild('serve-replica-commands.ts', makeTempDir('pg-drop-replies'), [await cluster.createDatabase(), String(PARTITION_REVISIONS)])
    try {
      const url = (await replica.child.waitFor(/READY (http:\/\/\S+)/))[1]!
      await load(url, 'seed')
      const quiet = await load(url, 'quiet')
      ctx.log(`  without compaction: ${quiet.perSecond.toFixed(0)} creates/s, p99 ${quiet.p99Ms.toFixed(1)} ms`)
      let isLoading = true
      const compacting = compactWhile(ctx, replica, () => isLoading)
      const dropping = await load(url, 'dropping')
      isLoading = false
      const dropped = await compacting
      ctx.log(`  while partitions drop: ${dropping.perSecond.toFixed(0)} creates/s, p99 ${dropping.p99Ms.toFixed(1)} ms`)
      const rows: ResultRow[] = [
        { case: `create p99 while old partitions drop (${dropped} dropped)`, unit: 'ms', ours: dropping.p99Ms, reference: quiet.p99Ms, referenceLabel: 'no compaction', goal: { type: 'ratio-at-most', ratio: 2 } },
        { case: 'creates/s while old partitions drop', unit: '/s', ours: dropping.perSecond, reference: quiet.perSecond, referenceLabel: 'no compaction' },
      ]
      return rows
    } finally {
      await replica.child.stop()
      cluster.destroy()
    }
  },
}

import { Agent } from 'node:http'
import type { BenchCase, CaseContext } from '../support/bench-case.js'
import { startTsChild, type Child } from '../support/children.js'
import { startCommandChild, type CommandChild } from '../support/command-child.js'
import { BENCH_NAMESPACE, configMapsPath } from '../support/configmaps.js'
import { describeMachineLoad } from '../support/machine-load.js'
import type { WriterReport } from '../support/paced-writer.js'
import type { ResultRow } from '../support/result-row.js'
import type { SeedSummary } from '../support/seed-configmaps.js'
import { describeWalSyncs, startServerWindow, type ServerWindow } from '../support/server-window.js'
import { makeTempDir } from '../support/temp-dirs.js'
import { timedGet } from '../support/timed-get.js'

const OBJECTS = 10_000
const UPDATES = 1_000_000
const HISTORY_REVISIONS = 1000
/** seeding stops here even if UPDATES are not all written; the output then says how many were */
const SEED_BUDGET_MS = 60_000
const ROUNDS = 3
const MB = 1024 * 1024
const WRITE_RATE = 200
/** the writer's keep-alive connections, all open before compaction starts */
const WRITER_CONNECTIONS = 8
const BASELINE_MS = 4000
const COMPACTION_LIMIT_MS = 240_000

interface LoopDelay {
  maxMs: number
  p99Ms: number
}

interface Compaction {
  ms: number
  revision: number
  rowsBefore: number
  rowsAfter: number
  loopDelay: LoopDelay
  walBytesBefore: number
  walBytesAfter: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const ms = (value: number | null) => value ?? NaN

async function seed(ctx: CaseContext, dir: string): Promise<SeedSummary> {
  const child = startTsChild('bench/support/seed-configmaps.ts', [dir, String(OBJECTS), String(UPDATES), String(SEED_BUDGET_MS), String(HISTORY_REVISIONS)])
  try {
    const summary = JSON.parse((await child.waitFor(/SEEDED (.*)/, SEED_BUDGET_MS + 120_000))[1]!) as SeedSummary
    ctx.log(`  seeded ${summary.objects} ConfigMaps and ${summary.updates.toLocaleString('en-US')} updates through the storage layer in ${(summary.ms / 1000).toFixed(1)} s (log: ${summary.currentRevision.toLocaleString('en-US')} rows)`)
    if (summary.isBudgetExhausted) {
      ctx.log(`  NOTE: seeding ${UPDATES.toLocaleString('en-US')} updates did not fit in ${SEED_BUDGET_MS / 1000} s here; every figure below is for ${summary.updates.toLocaleString('en-US')} updates, not ${UPDATES.toLocaleString('en-US')}`)
    }
    return summary
  } finally {
    await child.stop()
  }
}

/** the body parsed once, outside any timing: checks the list or history holds what it should */
async function countOf(url: string, field: 'items' | 'revisions'): Promise<number> {
  const body = (await (await fetch(url, { headers: { accept: 'application/json' } })).json()) as Record<string, unknown[]>
  return body[field]?.length ?? NaN
}

/** alternates the requests round by round and keeps each one's fastest */
async function bestOf(ctx: CaseContext, requests: Array<{ label: string; url: string }>): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const best = requests.map(() => Infinity)
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, r] of requests.entries()) {
        const body = await timedGet(r.url, agent, { accept: 'application/json' })
        ctx.log(`  round ${round + 1} ${r.label}: ${body.ms.toFixed(0)} ms, ${(body.bytes / 1024 / 1024).toFixed(1)} MB`)
        best[i] = Math.min(best[i]!, body.ms)
      }
    }
  } finally {
    agent.destroy()
  }
  return best
}

interface WriteWindow {
  writes: WriterReport
  loopDelay: LoopDelay
  /** the server's own account of the window (its WAL fdatasyncs: the disk's share) */
  server: ServerWindow
  compaction?: Compaction
}

/** a window of steady writes with the server's event loop watched, while `during` runs (or for BASELINE_MS) */
async function writeWindow(url: string, processes: { server: CommandChild; writer: CommandChild }, during?: () => Promise<Compaction>): Promise<WriteWindow> {
  const { server, writer } = processes
  const metrics = await startServerWindow(url)
  await writer.request('mark')
  if (!during) {
    await server.request('loop-delay-start')
    await sleep(BASELINE_MS)
    const [writes, loopDelay] = [await writer.request<WriterReport>('report'), await server.request<LoopDelay>('loop-delay-stop')]
    return { writes, loopDelay, server: await metrics.stop() }
  }
  const compaction = await during()
  return { writes: await writer.request<WriterReport>('report'), loopDelay: compaction.loopDelay, server: await metrics.stop(), compaction }
}

const describeWrites = (label: string, w: WriteWindow) =>
  `  ${label}: ${w.writes.count} writes answered, p50 ${ms(w.writes.p50Ms).toFixed(1)} ms p99 ${ms(w.writes.p99Ms).toFixed(1)} ms max ${ms(w.writes.maxMs).toFixed(1)} ms` +
  `${w.writes.failed ? ` (${w.writes.failed} failed: ${w.writes.firstFailure})` : ''}; server event loop stalled at most ${w.loopDelay.maxMs.toFixed(1)} ms (p99 ${w.loopDelay.p99Ms.toFixed(1)} ms)` +
  `${describeWalSyncs(w.server)}; ${describeMachineLoad()}`

/** the Exact list far back beside the current list, and one object's history, each timed */
async function measureReads(ctx: CaseContext, url: string, seeded: SeedSummary): Promise<ResultRow[]> {
  const back = seeded.currentRevision - seeded.afterCreatesRevision
  const list = `${url}${configMapsPath(BENCH_NAMESPACE)}`
  const exact = `${list}?resourceVersion=${seeded.afterCreatesRevision}&resourceVersionMatch=Exact`
  const history = `${url}/watchplane/v1/history/core/v1/configmaps/${BENCH_NAMESPACE}/${seeded.historyName}`
  ctx.log(`  Exact list at revision ${seeded.afterCreatesRevision} (${back.toLocaleString('en-US')} events back): ${await countOf(exact, 'items')} items; current list: ${await countOf(list, 'items')} items; history of ${seeded.historyName}: ${await countOf(history, 'revisions')} revisions`)
  const [exactMs, currentMs, historyMs] = await bestOf(ctx, [
    { label: `Exact list ${back.toLocaleString('en-US')} events back`, url: exact },
    { label: 'current list', url: list },
    { label: `history of ${seeded.historyName}`, url: history },
  ])
  return [
    { case: `Exact list ${OBJECTS / 1000}k objects, ${(back / 1e6).toFixed(2)}M events back`, unit: 'ms', ours: exactMs!, reference: currentMs!, referenceLabel: 'current list', goal: { type: 'ratio-at-most', ratio: 3 } },
    { case: `history of one object, ${seeded.historyRevisions} revisions`, unit: 'ms', ours: historyMs!, referenceLabel: '', note: '—' },
  ]
}

export const historyReads: BenchCase = {
  name: 'history and compaction',
  async run(ctx) {
    const dir = makeTempDir('history')
    const seeded = await seed(ctx, dir)
    const replyDir = makeTempDir('history-replies')
    const server = startCommandChild('serve-watchplane-commands.ts', replyDir, { args: [dir] })
    const writer = startCommandChild('paced-writer.ts', replyDir)
    const processes: Child[] = [server.child, writer.child]
    try {
      const url = (await server.child.waitFor(/READY (http:\/\/127\.0\.0\.1:\d+)/))[1]!
      await writer.child.waitFor(/READY/)
      const reads = await measureReads(ctx, url, seeded)
      await writer.request('start', { kind: 'watchplane', url, rate: WRITE_RATE, prefix: 'history', connections: WRITER_CONNECTIONS })
      await sleep(1000)
      const before = await writeWindow(url, { server, writer })
      ctx.log(describeWrites(`writer at ${WRITE_RATE}/s, no compaction`, before))
      const during = await writeWindow(url, { server, writer }, () => server.request<Compaction>('compact', null, COMPACTION_LIMIT_MS))
      await writer.request('stop')
      const c = during.compaction!
      ctx.log(`  compaction to revision ${c.revision.toLocaleString('en-US')}: ${(c.ms / 1000).toFixed(1)} s, log rows ${c.rowsBefore.toLocaleString('en-US')} → ${c.rowsAfter.toLocaleString('en-US')} (${(c.rowsBefore - c.rowsAfter).toLocaleString('en-US')} dropped)`)
      ctx.log(describeWrites(`writer at ${WRITE_RATE}/s during compaction`, during))
      const dropped = `${((c.rowsBefore - c.rowsAfter) / 1e6).toFixed(2)}M`
      const rows: ResultRow[] = [
        ...reads,
        { case: `write p99 during compaction of ${dropped} rows`, unit: 'ms', ours: ms(during.writes.p99Ms), reference: ms(before.writes.p99Ms), referenceLabel: 'no compaction' },
        { case: `write max during compaction of ${dropped} rows`, unit: 'ms', ours: ms(during.writes.maxMs), reference: ms(before.writes.maxMs), referenceLabel: 'no compaction', goal: { type: 'ours-below', value: 50 } },
        { case: 'WAL fdatasync max during compaction (at most, bucket bound)', unit: 'ms', ours: during.server.walSyncMaxAtMostMs, reference: before.server.walSyncMaxAtMostMs, referenceLabel: 'no compaction' },
        { case: 'server event-loop stall max during compaction', unit: 'ms', ours: during.loopDelay.maxMs, reference: before.loopDelay.maxMs, referenceLabel: 'no compaction', goal: { type: 'ours-below', value: 50 } },
        { case: `compaction of ${dropped} rows`, unit: 'ms', ours: c.ms, referenceLabel: '', note: '—' },
        // Without the WAL starting over while compaction ran, it grew by every page compaction wrote (~4 GB here).
        { case: `WAL file after compaction of ${dropped} rows`, unit: 'MB', ours: c.walBytesAfter / MB, reference: c.walBytesBefore / MB, referenceLabel: 'before compaction' },
      ]
      return rows
    } finally {
      for (const child of processes) await child.stop()
    }
  },
}

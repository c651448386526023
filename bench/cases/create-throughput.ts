import type { BenchCase, CaseContext } from '../support/bench-case.js'
import { cpuProfileFlags, summarizeCpuProfile } from '../support/cpu-profile.js'
import { etcdPut, etcdVersion, findEtcd, startEtcd } from '../support/etcd.js'
import { meanWritesPerTransaction } from '../support/group-commit-stats.js'
import { runLoad, type BenchRequest, type LoadResult } from '../support/load-generator.js'
import { podBody, podName, storedPod } from '../support/pods.js'
import { rawSqliteAppendsPerSecond } from '../support/raw-sqlite-append.js'
import type { ResultRow } from '../support/result-row.js'
import { describeServerWindow, startServerWindow } from '../support/server-window.js'
import { startServer, type RunningServer } from '../support/start-servers.js'
import { makeTempDir } from '../support/temp-dirs.js'

const CONCURRENCY = 64
const ROUNDS = 3
const WARMUP_MS = 500
const MEASURE_MS = 3000
const RAW_MS = 2000

interface Target {
  label: string
  url: string
  pid: number
  request(round: number, i: number): BenchRequest
  /** watchplane only: print where the time went, from its /metrics */
  hasMetrics?: boolean
  best?: LoadResult
}

const postPod = (round: number, i: number): BenchRequest => ({
  method: 'POST',
  path: '/api/v1/namespaces/default/pods',
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  body: podBody(podName(`r${round}`, i)),
})

/** etcd as a third target when its binary is on PATH; a missing or failing etcd skips only its rows. */
async function startEtcdTarget(ctx: CaseContext): Promise<{ target?: Target; stop(): Promise<void>; note: string }> {
  const binary = findEtcd()
  if (!binary) return { stop: async () => {}, note: 'skipped: etcd not on PATH' }
  const label = `etcd ${etcdVersion(binary)}`
  try {
    const etcd = await startEtcd(binary, makeTempDir('etcd'))
    ctx.log(`  ${label} at ${etcd.url}`)
    const value = JSON.stringify(storedPod('default', 'x'))
    const request = (round: number, i: number) => etcdPut(`/registry/pods/default/${podName(`r${round}`, i)}`, value)
    return { target: { label, url: etcd.url, pid: etcd.child.pid, request }, stop: () => etcd.child.stop(), note: '' }
  } catch (error) {
    ctx.log(`  ${label} did not start: ${(error as Error).message}`)
    return { stop: async () => {}, note: `skipped: ${label} did not start` }
  }
}

const cpuUs = (result: LoadResult | undefined) => result?.serverCpuPerRequestUs ?? NaN

/** Interleaves the targets round by round, so a noisy neighbour hurts all of them alike; keeps each one's best round. */
async function measure(ctx: CaseContext, targets: Target[]): Promise<void> {
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of targets) {
      const server = target.hasMetrics ? await startServerWindow(target.url) : undefined
      const result = await runLoad({
        url: target.url, concurrency: CONCURRENCY, warmupMs: WARMUP_MS, durationMs: MEASURE_MS, serverPid: target.pid,
        next: (i) => target.request(round, i),
      })
      const failures = result.failed ? `, ${result.failed} failed (${result.firstFailure})` : ''
      ctx.log(`  round ${round + 1} ${target.label}: ${result.perSecond.toFixed(0)}/s p50 ${result.p50Ms.toFixed(1)} ms p99 ${result.p99Ms.toFixed(1)} ms, ` +
        `server CPU ${cpuUs(result).toFixed(0)} µs per create, load generator ${result.generatorCores.toFixed(2)} cores${failures}`)
      // the window covers the warm-up too: the scrape cannot be timed to the generator's mark
      if (server) ctx.log(describeServerWindow(await server.stop(), 'create', result.p50Ms))
      if (!target.best || result.perSecond > target.best.perSecond) target.best = result
    }
  }
}

interface Measured {
  ours: LoadResult
  bare: LoadResult
  etcd?: LoadResult
  etcdLabel: string
  /** why etcd has no figures, when it has none */
  etcdNote: string
  /** raw SQLite writes/s at 64 rows per transaction, then at 1 */
  raw: number[]
}

function rows(m: Measured): ResultRow[] {
  const creates = { case: 'creates/s (64 clients, durable)', unit: '/s', ours: m.ours.perSecond }
  const latency = (q: 'p50Ms' | 'p99Ms', ref: LoadResult | undefined, referenceLabel: string): ResultRow => ({
    case: `create ${q.slice(0, 3)} latency`, unit: 'ms', ours: m.ours[q], reference: ref?.[q], referenceLabel,
    note: ref ? undefined : m.etcdNote,
  })
  const cpu = { case: 'server CPU per create (64 clients)', unit: 'µs', ours: cpuUs(m.ours) }
  return [
    { ...cpu, reference: cpuUs(m.bare), referenceLabel: 'bare node:http per POST', goal: { type: 'ratio-at-most', ratio: 1.5 } },
    { ...cpu, reference: m.etcd ? cpuUs(m.etcd) : undefined, referenceLabel: `${m.etcdLabel} per put`, note: m.etcdNote },
    { ...creates, reference: m.bare.perSecond, referenceLabel: 'bare node:http', goal: { type: 'ratio-at-least', ratio: 0.4 } },
    { ...creates, reference: m.etcd?.perSecond, referenceLabel: m.etcdLabel, goal: { type: 'ratio-at-least', ratio: 1.5 }, note: m.etcdNote },
    { ...creates, reference: m.raw[0], referenceLabel: 'raw SQLite, 64 rows/txn' },
    { ...creates, reference: m.raw[1], referenceLabel: 'raw SQLite, 1 row/txn' },
    latency('p50Ms', m.bare, 'bare node:http'),
    latency('p99Ms', m.bare, 'bare node:http'),
    latency('p50Ms', m.etcd, m.etcdLabel),
    latency('p99Ms', m.etcd, m.etcdLabel),
  ]
}

export const createThroughput: BenchCase = {
  name: 'durable creates over HTTP',
  async run(ctx) {
    const servers: RunningServer[] = []
    const profileFlags = cpuProfileFlags(ctx)
    const etcd = await startEtcdTarget(ctx)
    try {
      const ours = await startServer('serve-watchplane.ts', [makeTempDir('creates')], profileFlags)
      servers.push(ours)
      const bare = await startServer('serve-bare-echo.ts')
      servers.push(bare)
      const targets: Target[] = [
        { label: 'watchplane', url: ours.url, pid: ours.child.pid, request: postPod, hasMetrics: true },
        { label: 'bare node:http', url: bare.url, pid: bare.child.pid, request: postPod },
        ...(etcd.target ? [etcd.target] : []),
      ]
      await measure(ctx, targets)
      const batches = await meanWritesPerTransaction(ours.url)
      ctx.log(`  watchplane group commit: ${batches.transactions} transactions, ${batches.meanWrites.toFixed(1)} writes each on average`)
      const dir = makeTempDir('raw-sqlite')
      const raw = [64, 1].map((rowsPerTransaction) => rawSqliteAppendsPerSecond({ dir, rowsPerTransaction, durationMs: RAW_MS }))
      ctx.log(`  raw SQLite: ${raw[0]!.toFixed(0)}/s at 64 rows/txn, ${raw[1]!.toFixed(0)}/s at 1 row/txn`)
      const [o, b, e] = targets.map((t) => t.best!)
      return rows({ ours: o!, bare: b!, etcd: e, etcdLabel: etcd.target?.label ?? 'etcd', etcdNote: etcd.note, raw })
    } finally {
      for (const server of servers) await server.child.stop()
      await etcd.stop()
      if (ctx.cpuProfileDir) ctx.log(summarizeCpuProfile(ctx.cpuProfileDir, 10))
    }
  },
}

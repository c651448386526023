import type { BenchCase, CaseContext } from '../support/bench-case.js'
import { startCommandChild, type CommandChild } from '../support/command-child.js'
import { BENCH_NAMESPACE, configMapsPath } from '../support/configmaps.js'
import { etcdVersion, findEtcd, startEtcd } from '../support/etcd.js'
import { cpuProfileFlags, summarizeCpuProfile } from '../support/cpu-profile.js'
import { describeMachineLoad } from '../support/machine-load.js'
import { measureFanout, writerSource, type EventSource, type FanoutResult } from '../support/fanout-run.js'
import type { WriterReport } from '../support/paced-writer.js'
import type { ResultRow } from '../support/result-row.js'
import { describeServerWindow } from '../support/server-window.js'
import { startServer, type RunningServer } from '../support/start-servers.js'
import { makeTempDir } from '../support/temp-dirs.js'
import type { WatchTarget } from '../support/watch-stream.js'

const LOADS = [
  { watchers: 100, rate: 2000, sampleEvery: 5, p99GoalMs: 25 },
  { watchers: 1000, rate: 500, sampleEvery: 50, p99GoalMs: undefined },
]
const CLIENT_PROCESSES = 2
// The window measures steady state: after a 1 s warm-up the first run on a fresh server measured a
// p99 of 118-162 ms, while V8 had not yet optimized the write path (docs/bench.md).
const WARMUP_MS = 4000
const MEASURE_MS = 4000
const READY = /READY (http:\/\/127\.0\.0\.1:\d+)/

type Load = (typeof LOADS)[number]

/** One thing to fan out from: its label, its watch streams, and where its events come from. */
interface Target {
  label: string
  transport: 'chunked' | 'ws'
  pid: number
  /** built just before each run: a watch from the current revision */
  watchTarget(): Promise<WatchTarget>
  source: EventSource
  /** watchplane only: its /metrics are read over the window */
  metricsUrl?: string
}


function rawSource(raw: CommandChild): EventSource {
  return {
    start: async (rate) => void (await raw.request('start', { rate })),
    stop: async () => void (await raw.request('stop')),
    mark: async () => {},
    report: async () => undefined,
  }
}

async function currentResourceVersion(url: string): Promise<string> {
  const list = (await (await fetch(`${url}${configMapsPath(BENCH_NAMESPACE)}?limit=1`)).json()) as { metadata: { resourceVersion: string } }
  return list.metadata.resourceVersion
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 })
// JSON turns the NaN of an empty sample set into null
const ms = (value: number | null) => (value === null || Number.isNaN(value) ? '—' : value.toFixed(1))
/** server CPU per delivered event, in µs: what each delivery costs, whatever share of the CPUs the server got */
const cpuPerEventUs = (r: FanoutResult) => (r.serverCores * 1e6) / r.deliveredPerSecond

/** where a write's time went before the server saw it: the writer's own queue for a connection, its own stalled loop */
const describeWriterWaits = (w: WriterReport) =>
  ` (waiting in the writer for a pooled connection p99 ${ms(w.poolWaitP99Ms)} ms${w.newConnections ? `, ${w.newConnections} new connections` : ''}; ` +
  `the writer's own loop stalled up to ${ms(w.ownLoopDelayMaxMs)} ms; slowest write: ${ms(w.slowest?.socketMs ?? NaN)} ms for a connection, ${ms(w.slowest?.serverMs ?? NaN)} ms to the response head)`

function describe(load: Load, target: Target, r: FanoutResult): string {
  const ack = r.fromAck ? ` (from the writer's ack: p50 ${ms(r.fromAck.p50Ms)}, p99 ${ms(r.fromAck.p99Ms)} ms)` : ''
  const writes = r.writer ? `; writes answered ${r.writer.perSecond.toFixed(0)}/s, p99 ${ms(r.writer.p99Ms)} ms${r.writer.failed ? `, ${r.writer.failed} failed: ${r.writer.firstFailure}` : ''}${describeWriterWaits(r.writer)}` : ''
  const lost = r.failedStreams ? `; ${r.failedStreams} streams ended early: ${r.firstError}` : ''
  return `  ${load.watchers} × ${load.rate}/s ${target.label}: delivered ${fmt(r.deliveredPerSecond)}/s (${((100 * r.deliveredPerSecond) / r.expectedPerSecond).toFixed(0)}% of ${fmt(r.expectedPerSecond)}), ` +
    `send→receive p50 ${ms(r.fromSend.p50Ms)} ms p99 ${ms(r.fromSend.p99Ms)} ms over ${r.samples} samples${ack}${writes}; ` +
    `CPU: server ${r.serverCores.toFixed(2)} (${cpuPerEventUs(r).toFixed(1)} µs per delivered event), watch clients ${r.clientCores.toFixed(2)}${r.writer ? `, writer ${r.writer.cores.toFixed(2)}` : ''} cores${lost}; ${describeMachineLoad()}` +
    (r.server ? `\n${describeServerWindow(r.server, 'create')}` : '')
}

interface Measured {
  load: Load
  transport: 'chunked' | 'ws'
  ours: FanoutResult
  raw: FanoutResult
  etcd?: FanoutResult
}

function rows(m: Measured, etcd: { label: string; note: string }): ResultRow[] {
  const name = `fan-out ${m.load.watchers}×${m.load.rate}/s ${m.transport === 'ws' ? 'WebSocket' : 'chunked'}`
  const rawLabel = m.transport === 'ws' ? 'bare ws' : 'bare node:http'
  const delivered = { case: `${name}: delivered`, unit: '/s', ours: m.ours.deliveredPerSecond }
  const latency = (q: 'p50Ms' | 'p99Ms', ref: FanoutResult | undefined, referenceLabel: string, goalMs?: number): ResultRow => ({
    case: `${name}: send→receive ${q.slice(0, 3)}`, unit: 'ms', ours: m.ours.fromSend[q], reference: ref?.fromSend[q], referenceLabel,
    ...(goalMs ? { goal: { type: 'ours-below', value: goalMs } } : {}), ...(ref ? {} : { note: etcd.note }),
  })
  const out: ResultRow[] = [
    { ...delivered, reference: m.raw.deliveredPerSecond, referenceLabel: rawLabel, goal: { type: 'ratio-at-least', ratio: 0.5 } },
    { case: `${name}: server CPU per event`, unit: 'µs', ours: cpuPerEventUs(m.ours), reference: cpuPerEventUs(m.raw), referenceLabel: rawLabel },
    latency('p50Ms', m.raw, rawLabel),
    latency('p99Ms', m.raw, rawLabel, m.load.p99GoalMs),
  ]
  if (m.transport === 'chunked') {
    out.push({ ...delivered, reference: m.etcd?.deliveredPerSecond, referenceLabel: etcd.label, ...(m.etcd ? {} : { note: etcd.note }) })
    out.push(latency('p99Ms', m.etcd, etcd.label))
  }
  // The commit happened between the POST and its ack: ack→receive is the lower bound of commit→receive, send→receive the upper.
  out.push({
    case: `${name}: ack→receive p99`, unit: 'ms', ours: m.ours.fromAck?.p99Ms ?? NaN,
    ...(m.transport === 'chunked' && m.etcd ? { reference: m.etcd.fromAck?.p99Ms ?? NaN, referenceLabel: etcd.label } : { referenceLabel: '', note: '—' }),
  })
  return out
}

async function measureLoad(ctx: CaseContext, load: Load, targets: { ours: Target[]; raw: Target[]; etcd?: Target }, clients: CommandChild[]): Promise<Measured[]> {
  const run = async (target: Target) => {
    const result = await measureFanout({
      target: await target.watchTarget(), watchers: load.watchers, rate: load.rate, sampleEvery: load.sampleEvery,
      source: target.source, serverPid: target.pid, clients, warmupMs: WARMUP_MS, measureMs: MEASURE_MS,
      ...(target.metricsUrl ? { metricsUrl: target.metricsUrl } : {}),
    })
    ctx.log(describe(load, target, result))
    return result
  }
  const measured: Measured[] = []
  for (const [i, transport] of (['chunked', 'ws'] as const).entries()) {
    const ours = await run(targets.ours[i]!)
    const raw = await run(targets.raw[i]!)
    const etcd = transport === 'chunked' && targets.etcd ? await run(targets.etcd) : undefined
    measured.push({ load, transport, ours, raw, ...(etcd ? { etcd } : {}) })
  }
  return measured
}

/** watchplane over both transports, fed by the writer's POSTs */
function oursTargets(ours: RunningServer, writer: CommandChild): Target[] {
  const source = writerSource(writer, { kind: 'watchplane', url: ours.url })
  return (['chunked', 'ws'] as const).map((transport) => ({
    label: `watchplane ${transport}`, transport, pid: ours.child.pid, source, metricsUrl: ours.url,
    watchTarget: async () => ({ url: ours.url, kind: transport, path: `${configMapsPath(BENCH_NAMESPACE)}?watch=1&resourceVersion=${await currentResourceVersion(ours.url)}` }),
  }))
}

/** the bare servers, which make their own events */
function rawTargets(raw: CommandChild, url: string): Target[] {
  return (['chunked', 'ws'] as const).map((transport) => ({
    label: transport === 'ws' ? 'bare ws' : 'bare node:http', transport, pid: raw.child.pid, source: rawSource(raw),
    watchTarget: async () => ({ url, kind: transport, path: '/watch' }),
  }))
}

export const watchFanout: BenchCase = {
  name: 'watch fan-out',
  async run(ctx) {
    const replyDir = makeTempDir('fanout-replies')
    const children: CommandChild[] = []
    const stops: Array<() => Promise<void>> = []
    try {
      const start = (entry: string) => {
        const child = startCommandChild(entry, replyDir)
        children.push(child)
        return child
      }
      const clients = Array.from({ length: CLIENT_PROCESSES }, () => start('watch-clients.ts'))
      const writer = start('paced-writer.ts')
      const raw = start('serve-raw-fanout.ts')
      const ours = await startServer('serve-watchplane.ts', [makeTempDir('fanout')], cpuProfileFlags(ctx))
      stops.push(() => ours.child.stop())
      const rawUrl = (await raw.child.waitFor(READY))[1]!
      await Promise.all([...clients, writer].map((c) => c.child.waitFor(/READY/)))
      ctx.log(`  watchers are bare sockets counting event ends, ${CLIENT_PROCESSES} client processes; every ${LOADS.map((l) => l.sampleEvery).join('th / ')}th stream also samples latency`)
      const etcd = await startEtcdTarget(ctx, writer)
      if (etcd.stop) stops.push(etcd.stop)
      const targets = { ours: oursTargets(ours, writer), raw: rawTargets(raw, rawUrl), ...(etcd.target ? { etcd: etcd.target } : {}) }
      const out: ResultRow[] = []
      for (const load of LOADS) {
        for (const m of await measureLoad(ctx, load, targets, clients)) out.push(...rows(m, { label: etcd.label, note: etcd.note }))
      }
      ctx.log('  send→receive: from the probe written into each object just before its POST (or the raw server\'s serialization) to its arrival at a watcher; it includes the write\'s own path (HTTP, group commit, fsync), so it bounds commit→receive from above.')
      ctx.log('  ack→receive: from the writer\'s ack of that POST; the server publishes to watchers before it answers the writer, so it bounds commit→receive from below and can be negative.')
      return out
    } finally {
      for (const stop of stops) await stop()
      for (const child of children) await child.child.stop()
      if (ctx.cpuProfileDir) ctx.log(summarizeCpuProfile(ctx.cpuProfileDir, 10))
    }
  },
}

/** etcd watchers on the ConfigMaps prefix through the v3 JSON gateway; a missing or failing etcd skips only its rows. */
async function startEtcdTarget(ctx: CaseContext, writer: CommandChild): Promise<{ target?: Target; label: string; note: string; stop?: () => Promise<void> }> {
  const binary = findEtcd()
  if (!binary) return { label: 'etcd', note: 'skipped: etcd not on PATH' }
  const label = `etcd ${etcdVersion(binary)}`
  try {
    const etcd = await startEtcd(binary, makeTempDir('fanout-etcd'))
    const base64 = (text: string) => Buffer.from(text).toString('base64')
    const prefix = `/registry/configmaps/${BENCH_NAMESPACE}/`
    const body = JSON.stringify({ create_request: { key: base64(prefix), range_end: base64(prefix.slice(0, -1) + '0') } })
    const target: Target = {
      label: `${label} chunked`, transport: 'chunked', pid: etcd.child.pid, source: writerSource(writer, { kind: 'etcd', url: etcd.url }),
      watchTarget: async () => ({ url: etcd.url, kind: 'etcd', path: '/v3/watch', body }),
    }
    return { target, label, note: '', stop: () => etcd.child.stop() }
  } catch (error) {
    ctx.log(`  ${label} did not start: ${(error as Error).message}`)
    return { label, note: `skipped: ${label} did not start` }
  }
}

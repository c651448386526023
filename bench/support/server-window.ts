import { Agent } from 'node:http'
import { send } from './load-generator.js'

// What the server says about itself over a measured window, from its Prometheus text
// (src/http/metrics.ts): time spent inside the server per request, group commit batches, and the
// event loop's delay. Counters are differences between two scrapes; prom-client's event-loop gauges
// (monitorEventLoopDelay, 10 ms timer) are reset by every scrape, so the second scrape reads the window.

/** prom-client's eventLoopMonitoringPrecision default: the timer period included in every sample */
const LOOP_TIMER_MS = 10

type Samples = Map<string, number>

async function scrape(url: string): Promise<Samples> {
  const agent = new Agent()
  try {
    const { status, body } = await send(url, agent, { method: 'GET', path: '/metrics' })
    if (status !== 200) throw new Error(`GET /metrics: HTTP ${status}`)
    const samples: Samples = new Map()
    for (const line of body.split('\n')) {
      const match = /^(\S+?(?:\{[^}]*\})?) (\S+)$/.exec(line)
      if (match && !line.startsWith('#')) samples.set(match[1]!, Number(match[2]))
    }
    return samples
  } finally {
    agent.destroy()
  }
}

export interface ServerWindow {
  /** requests of `verb` answered in the window, their mean time inside the server, and the bucket bound under which 99% fell */
  requests: number
  meanMs: number
  p99AtMostMs: number
  transactions: number
  meanWritesPerTransaction: number
  /** WAL fdatasyncs in the window, and the bucket bounds under which 99% and all of them fell: the disk's share of a write's wait */
  walSyncs: number
  walSyncP99AtMostMs: number
  walSyncMaxAtMostMs: number
  /** times the writes were held so a checkpoint could finish and the WAL start over, and the bucket bound under which all of those holds fell */
  walRewinds: number
  walRewindHoldMaxAtMostMs: number
  /** how late the event loop's 10 ms timer fired: p99 and max in the window; NaN without the gauges */
  loopDelayP99Ms: number
  loopDelayMaxMs: number
}

const sumOf = (samples: Samples, prefix: string) =>
  [...samples.entries()].filter(([name]) => name.startsWith(prefix)).reduce((sum, [, value]) => sum + value, 0)

/** cumulative buckets of a histogram, summed over the series whose labels include `label` (e.g. verb="create") */
function buckets(samples: Samples, metric: string, label = ''): Map<number, number> {
  const out = new Map<number, number>()
  for (const [name, value] of samples) {
    if (!name.startsWith(`${metric}_bucket{`) || !name.includes(label)) continue
    const le = /le="([^"]+)"/.exec(name)![1]!
    const bound = le === '+Inf' ? Infinity : Number(le)
    out.set(bound, (out.get(bound) ?? 0) + value)
  }
  return out
}

/** the smallest bucket bound (ms) under which `share` of the window's observations fell */
function boundMs(before: Samples, after: Samples, histogram: { metric: string; label?: string; share: number }): number {
  const [b, a] = [buckets(before, histogram.metric, histogram.label), buckets(after, histogram.metric, histogram.label)]
  const count = (a.get(Infinity) ?? 0) - (b.get(Infinity) ?? 0)
  if (count === 0) return NaN
  const bound = [...a.keys()].sort((x, y) => x - y).find((le) => (a.get(le) ?? 0) - (b.get(le) ?? 0) >= histogram.share * count)
  return (bound ?? NaN) * 1000
}

const WAL_FSYNC = 'watchplane_wal_fsync_duration_seconds'
const WAL_REWIND_HOLD = 'watchplane_wal_rewind_hold_seconds'

function window(before: Samples, after: Samples, verb: string): ServerWindow {
  const delta = (prefix: string) => sumOf(after, prefix) - sumOf(before, prefix)
  const requests = delta(`watchplane_request_duration_seconds_count{verb="${verb}"`)
  const transactions = delta('watchplane_commit_batch_writes_count')
  const loop = (name: string) => Math.max(0, (after.get(`nodejs_eventloop_lag_${name}_seconds`) ?? NaN) * 1000 - LOOP_TIMER_MS)
  return {
    requests,
    meanMs: (1000 * delta(`watchplane_request_duration_seconds_sum{verb="${verb}"`)) / requests,
    p99AtMostMs: boundMs(before, after, { metric: 'watchplane_request_duration_seconds', label: `verb="${verb}"`, share: 0.99 }),
    transactions,
    meanWritesPerTransaction: delta('watchplane_commit_batch_writes_sum') / transactions,
    walSyncs: delta(`${WAL_FSYNC}_count`),
    walSyncP99AtMostMs: boundMs(before, after, { metric: WAL_FSYNC, share: 0.99 }),
    walSyncMaxAtMostMs: boundMs(before, after, { metric: WAL_FSYNC, share: 1 }),
    walRewinds: delta(`${WAL_REWIND_HOLD}_count`),
    walRewindHoldMaxAtMostMs: boundMs(before, after, { metric: WAL_REWIND_HOLD, share: 1 }),
    loopDelayP99Ms: loop('p99'),
    loopDelayMaxMs: loop('max'),
  }
}

/** Scrapes now (which also restarts the event-loop gauges); stop() scrapes again and gives the window. */
export async function startServerWindow(url: string, verb = 'create'): Promise<{ stop(): Promise<ServerWindow> }> {
  const before = await scrape(url)
  return { stop: async () => window(before, await scrape(url), verb) }
}

const f = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '—')

/** One line: where a request's time went, server side, beside what the client saw. */
export function describeServerWindow(w: ServerWindow, verb: string, clientP50Ms?: number): string {
  const inside = w.requests > 0
    ? `${w.requests} ${verb}s took ${f(w.meanMs)} ms on average inside the server (99% ≤ ${f(w.p99AtMostMs)} ms)` +
      (clientP50Ms === undefined ? '' : `, the client saw p50 ${f(clientP50Ms)} ms (the rest is sockets, parsing and queueing before the handler)`)
    : `no ${verb} requests`
  const commits = w.transactions > 0 ? `; ${w.transactions} commits of ${f(w.meanWritesPerTransaction)} writes on average` : ''
  return `  server side: ${inside}${commits}${describeWalSyncs(w)}; event-loop delay p99 ${f(w.loopDelayP99Ms)} ms, max ${f(w.loopDelayMaxMs)} ms (lateness of a 10 ms timer, from /metrics)`
}

/** `; N WAL fdatasyncs, 99% ≤ …`: how long the disk kept the window's commits waiting, and the holds for WAL rewinds ('' without any) */
export function describeWalSyncs(w: ServerWindow): string {
  const syncs = w.walSyncs > 0 ? `; ${w.walSyncs} WAL fdatasyncs, 99% ≤ ${f(w.walSyncP99AtMostMs)} ms, all ≤ ${f(w.walSyncMaxAtMostMs)} ms (the disk)` : ''
  const rewinds = w.walRewinds > 0 ? `; writes held ${w.walRewinds} times for the WAL to start over, each ≤ ${f(w.walRewindHoldMaxAtMostMs)} ms` : ''
  return syncs + rewinds
}

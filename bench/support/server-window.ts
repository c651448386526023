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
  /** how late the event loop's 10 ms timer fired: p99 and max in the window; NaN without the gauges */
  loopDelayP99Ms: number
  loopDelayMaxMs: number
}

const sumOf = (samples: Samples, prefix: string) =>
  [...samples.entries()].filter(([name]) => name.startsWith(prefix)).reduce((sum, [, value]) => sum + value, 0)

/** cumulative buckets of watchplane_request_duration_seconds for one verb, summed over resources */
function buckets(samples: Samples, verb: string): Map<number, number> {
  const out = new Map<number, number>()
  for (const [name, value] of samples) {
    const match = /^watchplane_request_duration_seconds_bucket\{le="([^"]+)",verb="([^"]+)"/.exec(name)
    if (!match || match[2] !== verb) continue
    const le = match[1] === '+Inf' ? Infinity : Number(match[1])
    out.set(le, (out.get(le) ?? 0) + value)
  }
  return out
}

function window(before: Samples, after: Samples, verb: string): ServerWindow {
  const delta = (prefix: string) => sumOf(after, prefix) - sumOf(before, prefix)
  const requests = delta(`watchplane_request_duration_seconds_count{verb="${verb}"`)
  const [b, a] = [buckets(before, verb), buckets(after, verb)]
  const bound = [...a.keys()].sort((x, y) => x - y).find((le) => (a.get(le) ?? 0) - (b.get(le) ?? 0) >= 0.99 * requests)
  const transactions = delta('watchplane_commit_batch_writes_count')
  const loop = (name: string) => Math.max(0, (after.get(`nodejs_eventloop_lag_${name}_seconds`) ?? NaN) * 1000 - LOOP_TIMER_MS)
  return {
    requests,
    meanMs: (1000 * delta(`watchplane_request_duration_seconds_sum{verb="${verb}"`)) / requests,
    p99AtMostMs: (bound ?? NaN) * 1000,
    transactions,
    meanWritesPerTransaction: delta('watchplane_commit_batch_writes_sum') / transactions,
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
  return `  server side: ${inside}${commits}; event-loop delay p99 ${f(w.loopDelayP99Ms)} ms, max ${f(w.loopDelayMaxMs)} ms (lateness of a 10 ms timer, from /metrics)`
}

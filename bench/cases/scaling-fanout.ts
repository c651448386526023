import type { BenchCase, CaseContext } from '../support/bench-case.js'
import { startCommandChild, type CommandChild } from '../support/command-child.js'
import { BENCH_NAMESPACE, configMapsPath } from '../support/configmaps.js'
import { measureFanout, writerSource, type EventSource, type FanoutResult } from '../support/fanout-run.js'
import { describeGrowth, FLAT, growthRows, LINEAR, type GrowthSeries } from '../support/growth.js'
import type { ResultRow } from '../support/result-row.js'
import { scaleSizes, sizeLabel } from '../support/scale-sizes.js'
import { describeServerWindow } from '../support/server-window.js'
import { startServer, type RunningServer } from '../support/start-servers.js'
import { makeTempDir } from '../support/temp-dirs.js'

// Watch fan-out at growing watcher counts, at one total delivery rate (watchers × writes/s), so
// the server does the same number of deliveries a second at every size: the CPU per delivered event
// should stay flat (O(1)); a commit reaches its last watcher after W socket writes, so latency may
// grow with W (O(W)) but no faster.

const CLIENT_PROCESSES = 2
const WARMUP_MS = 1000
const MEASURE_MS = 4000
/** latency-sampling streams per size */
const SAMPLED_STREAMS = 20

/** deliveries over what the answered writes called for: the fan-out's own keeping up, whether or not the writer kept its pace */
const sharePercent = (r: FanoutResult, watchers: number) => (r.writer && r.writer.perSecond > 0 ? (100 * r.deliveredPerSecond) / (watchers * r.writer.perSecond) : NaN)
const cpuPerEventUs = (r: FanoutResult) => (r.deliveredPerSecond > 0 ? (r.serverCores * 1e6) / r.deliveredPerSecond : NaN)

/** a warning when the writer fell more than 5% behind: then the writes, not the fan-out, set the pace */
const writeBound = (r: FanoutResult, rate: number) =>
  r.writer && r.writer.perSecond < 0.95 * rate ? ' (WRITE-BOUND: the server did not keep up with the writes, so fewer events were there to fan out)' : ''

interface Rig {
  ours: RunningServer
  clients: CommandChild[]
  /** one source for every size: it names each run's objects apart */
  source: EventSource
}

async function measureAt(ctx: CaseContext, rig: Rig, watchers: number): Promise<FanoutResult> {
  const { ours, clients, source } = rig
  const rate = scaleSizes().deliveredPerSecond / watchers
  const list = (await (await fetch(`${ours.url}${configMapsPath(BENCH_NAMESPACE)}?limit=1`)).json()) as { metadata: { resourceVersion: string } }
  const r = await measureFanout({
    target: { url: ours.url, kind: 'chunked', path: `${configMapsPath(BENCH_NAMESPACE)}?watch=1&resourceVersion=${list.metadata.resourceVersion}` },
    watchers, rate, sampleEvery: Math.max(1, Math.floor(watchers / SAMPLED_STREAMS)), source,
    serverPid: ours.child.pid, clients, warmupMs: WARMUP_MS, measureMs: MEASURE_MS, metricsUrl: ours.url,
  })
  const lost = r.failedStreams ? `; ${r.failedStreams} streams ended early: ${r.firstError}` : ''
  ctx.log(`  ${sizeLabel(watchers)} watchers × ${rate}/s: delivered ${r.deliveredPerSecond.toFixed(0)}/s (${sharePercent(r, watchers).toFixed(0)}% of what the answered writes called for), ` +
    `send→receive p50 ${r.fromSend.p50Ms.toFixed(1)} ms p99 ${r.fromSend.p99Ms.toFixed(1)} ms over ${r.samples} samples; ` +
    `server ${r.serverCores.toFixed(2)} cores, ${cpuPerEventUs(r).toFixed(1)} µs per delivered event (the writes' own cost included); ` +
    `writes answered ${(r.writer?.perSecond ?? NaN).toFixed(0)}/s of ${rate}, p99 ${(r.writer?.p99Ms ?? NaN).toFixed(1)} ms${writeBound(r, rate)}${lost}`)
  if (r.server) ctx.log(`  ${describeServerWindow(r.server, 'create')}`)
  return r
}

export const scalingFanout: BenchCase = {
  name: 'scaling: fan-out by watchers',
  async run(ctx) {
    const sizes = scaleSizes()
    ctx.log(`  BENCH_SCALE=${sizes.name}: ${sizes.watchers.map(sizeLabel).join(', ')} chunked watchers, ${sizes.deliveredPerSecond.toLocaleString('en-US')} deliveries/s in all at each size`)
    const replyDir = makeTempDir('scale-fanout-replies')
    const clients = Array.from({ length: CLIENT_PROCESSES }, () => startCommandChild('watch-clients.ts', replyDir))
    const writer = startCommandChild('paced-writer.ts', replyDir)
    let ours: RunningServer | undefined
    try {
      ours = await startServer('serve-watchplane.ts', [makeTempDir('scale-fanout')])
      await Promise.all([...clients, writer].map((c) => c.child.waitFor(/READY/)))
      const rig: Rig = { ours, clients, source: writerSource(writer, { kind: 'watchplane', url: ours.url }) }
      const measured: Array<{ watchers: number; r: FanoutResult }> = []
      for (const watchers of sizes.watchers) measured.push({ watchers, r: await measureAt(ctx, rig, watchers) })
      const points = (pick: (r: FanoutResult) => number) => measured.map((m) => ({ size: m.watchers, value: pick(m.r) }))
      const series: GrowthSeries[] = [
        { name: 'fan-out share delivered', unit: '%', sizeUnit: 'watchers', complexity: FLAT('O(1)'), isHigherBetter: true, points: measured.map((m) => ({ size: m.watchers, value: sharePercent(m.r, m.watchers) })) },
        { name: 'fan-out server CPU per delivered event', unit: 'µs', sizeUnit: 'watchers', complexity: FLAT('O(1)'), points: points(cpuPerEventUs) },
        { name: 'fan-out send→receive p99', unit: 'ms', sizeUnit: 'watchers', complexity: LINEAR('at most O(W)'), points: points((r) => r.fromSend.p99Ms) },
      ]
      for (const one of series) ctx.log(describeGrowth(one))
      return series.flatMap((one) => growthRows(one)) satisfies ResultRow[]
    } finally {
      await ours?.child.stop()
      for (const child of [...clients, writer]) await child.child.stop()
    }
  },
}

import { rmSync } from 'node:fs'
import { Agent } from 'node:http'
import type { BenchCase, CaseContext } from '../support/bench-case.js'
import { describeGrowth, FLAT, growthRows, type GrowthSeries } from '../support/growth.js'
import { runLoad, type LoadResult } from '../support/load-generator.js'
import { podBody } from '../support/pods.js'
import { trackCpuTime } from '../support/process-cpu.js'
import type { ResultRow } from '../support/result-row.js'
import { scaleSizes, sizeLabel, type ScaleSizes } from '../support/scale-sizes.js'
import { describeSeed, seedRaw } from '../support/seed-raw.js'
import { describeServerWindow, startServerWindow } from '../support/server-window.js'
import { startServer } from '../support/start-servers.js'
import { makeTempDir } from '../support/temp-dirs.js'
import { timedGet } from '../support/timed-get.js'

// How creates and LIST cost as the store grows: the same server on data sets of growing size,
// seeded straight into SQLite (seed-raw-sqlite.ts). A create is a B-tree insert into tables that
// grow, so it should stay flat (O(log n)); a LIST of one namespace reads only that namespace's
// rows through the (resource, namespace, name) key, so it should not care how much else is stored.

const CONCURRENCY = 64
const WARMUP_MS = 500
const MEASURE_MS = 3000
// Enough rounds that one slow round (a GC, a busy neighbour) does not make the CPU-per-LIST row:
// with 3 it moved between 0.75x and 1.50x of the same code from run to run.
const LIST_ROUNDS = 10
const LIST_NAMESPACE = 'scale-list'

interface AtSize {
  stored: number
  create?: LoadResult
  list?: { ms: number; cpuMs: number }
}

/** The fastest of LIST_ROUNDS; the server's CPU per LIST is the mean over all rounds. */
async function measureList(ctx: CaseContext, url: string, pid: number): Promise<{ ms: number; cpuMs: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const cpu = trackCpuTime(pid)
  const roundsMs: number[] = []
  let megabytes = 0
  try {
    for (let round = 0; round < LIST_ROUNDS; round++) {
      const body = await timedGet(`${url}/api/v1/namespaces/${LIST_NAMESPACE}/pods`, agent, { accept: 'application/json' })
      roundsMs.push(body.ms)
      megabytes = body.bytes / 1024 / 1024
    }
  } finally {
    agent.destroy()
  }
  const cpuMs = (cpu.stop().seconds * 1000) / LIST_ROUNDS
  ctx.log(`    LIST of ${megabytes.toFixed(1)} MB, ${LIST_ROUNDS} rounds: ${roundsMs.map((ms) => ms.toFixed(0)).join(', ')} ms; server CPU ${cpuMs.toFixed(1)} ms per LIST`)
  return { ms: Math.min(...roundsMs), cpuMs }
}

async function measureCreates(ctx: CaseContext, url: string, pid: number): Promise<LoadResult> {
  const server = await startServerWindow(url)
  const result = await runLoad({
    url, concurrency: CONCURRENCY, warmupMs: WARMUP_MS, durationMs: MEASURE_MS, serverPid: pid,
    next: (i) => ({ method: 'POST', path: '/api/v1/namespaces/default/pods', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: podBody(`scale-${i}`) }),
  })
  const failures = result.failed ? `, ${result.failed} failed (${result.firstFailure})` : ''
  ctx.log(`    creates: ${result.perSecond.toFixed(0)}/s p50 ${result.p50Ms.toFixed(1)} ms p99 ${result.p99Ms.toFixed(1)} ms, server CPU ${(result.serverCpuPerRequestUs ?? NaN).toFixed(0)} µs per create${failures}`)
  ctx.log(`  ${describeServerWindow(await server.stop(), 'create', result.p50Ms)}`)
  return result
}

/** One data set: seed, start the server, LIST first (before the creates add rows), then create. */
async function measureAt(ctx: CaseContext, sizes: ScaleSizes, stored: number): Promise<AtSize> {
  const dir = makeTempDir(`scale-${sizeLabel(stored)}`)
  const listed = Math.min(stored, sizes.listed)
  if (stored > 0) ctx.log(`  ${describeSeed(await seedRaw(dir, { groups: [{ namespace: 'default', count: stored - listed }, { namespace: LIST_NAMESPACE, count: listed }], updates: 0 }))}`)
  const server = await startServer('serve-watchplane.ts', [dir])
  try {
    ctx.log(`  ${sizeLabel(stored)} Pods stored:`)
    const atSize: AtSize = { stored }
    if (sizes.listStored.includes(stored)) atSize.list = await measureList(ctx, server.url, server.child.pid)
    if (sizes.createStored.includes(stored)) atSize.create = await measureCreates(ctx, server.url, server.child.pid)
    return atSize
  } finally {
    await server.child.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

function seriesOf(sizes: ScaleSizes, measured: AtSize[]): GrowthSeries[] {
  const creates = measured.filter((m) => m.create)
  const lists = measured.filter((m) => m.list)
  const stored = 'Pods stored'
  const point = (pick: (m: AtSize) => number) => (m: AtSize) => ({ size: m.stored, value: pick(m) })
  return [
    { name: 'creates/s (64 clients)', unit: '/s', sizeUnit: stored, complexity: FLAT('O(log n): flat'), isHigherBetter: true, points: creates.map(point((m) => m.create!.perSecond)) },
    { name: 'create p99', unit: 'ms', sizeUnit: stored, complexity: FLAT('O(log n): flat'), points: creates.map(point((m) => m.create!.p99Ms)) },
    { name: 'server CPU per create', unit: 'µs', sizeUnit: stored, complexity: FLAT('O(log n): flat'), points: creates.map(point((m) => m.create!.serverCpuPerRequestUs ?? NaN)) },
    { name: `LIST of ${sizeLabel(sizes.listed)} Pods (one namespace)`, unit: 'ms', sizeUnit: stored, complexity: FLAT('O(listed): flat in what else is stored'), points: lists.map(point((m) => m.list!.ms)) },
    { name: `server CPU per LIST of ${sizeLabel(sizes.listed)}`, unit: 'ms', sizeUnit: stored, complexity: FLAT('O(listed): flat'), points: lists.map(point((m) => m.list!.cpuMs)) },
  ]
}

export const scalingStore: BenchCase = {
  name: 'scaling: creates and LIST by objects stored',
  async run(ctx) {
    const sizes = scaleSizes()
    const all = [...new Set([...sizes.createStored, ...sizes.listStored])].sort((a, b) => a - b)
    ctx.log(`  BENCH_SCALE=${sizes.name}: creates at ${sizes.createStored.map(sizeLabel).join(', ')}; LIST of ${sizeLabel(sizes.listed)} at ${sizes.listStored.map(sizeLabel).join(', ')} Pods stored`)
    const measured: AtSize[] = []
    for (const stored of all) measured.push(await measureAt(ctx, sizes, stored))
    const series = seriesOf(sizes, measured)
    for (const one of series) ctx.log(describeGrowth(one))
    return series.flatMap((one) => growthRows(one)) satisfies ResultRow[]
  },
}


import type { BenchCase, CaseContext } from '../support/bench-case.js'
import { startCommandChild, type CommandChild } from '../support/command-child.js'
import { describeGrowth, FLAT, growthRows, LINEAR, type GrowthSeries } from '../support/growth.js'
import { median } from '../support/percentiles.js'
import { trackCpuTime } from '../support/process-cpu.js'
import type { ResultRow } from '../support/result-row.js'
import { scaleSizes, sizeLabel, type ScaleSizes } from '../support/scale-sizes.js'
import { describeSeed, seedRaw } from '../support/seed-raw.js'
import { startServer } from '../support/start-servers.js'
import { makeTempDir } from '../support/temp-dirs.js'
import { timeToReady } from '../support/time-to-ready.js'
import type { OpenReply } from '../support/watch-clients.js'
import { PLAIN_HTTP_FLAGS } from '../support/plain-http.js'
import { BLOCK_REVISIONS, CACHED_BLOCKS } from '../../src/watch/log-blocks.js'

// Start → ready must not read the log: with a long log and many objects it should take what it
// takes on an empty data directory (O(1)). A watcher resuming n events back reads and sends those n
// events: its catch-up time should grow linearly with n, and the server's CPU per event stay flat.

const START_RUNS = 5
const CATCH_UP_TRIALS = 3
/** a catch-up slower than this is reported as such, and that distance's other trials are skipped */
const CATCH_UP_LIMIT_MS = 60_000
const MB = 1024 * 1024

interface Started {
  ms: number[]
  rssBytes: number[]
}

/** Alternates the empty and the seeded data directory, so a noisy neighbour hurts both alike. */
async function measureStarts(ctx: CaseContext, seededDir: string): Promise<{ empty: Started; seeded: Started }> {
  const empty: Started = { ms: [], rssBytes: [] }
  const seeded: Started = { ms: [], rssBytes: [] }
  // bin/watchplane.js runs the build in dist/, as `npm start` does (startup-time.ts measures the same).
  const args = (dir: string) => ['bin/watchplane.js', '--port', '0', '--data-dir', dir, ...PLAIN_HTTP_FLAGS]
  for (let run = 0; run < START_RUNS; run++) {
    for (const [into, dir] of [[empty, makeTempDir('scale-start-empty')], [seeded, seededDir]] as const) {
      const timing = await timeToReady(args(dir))
      into.ms.push(timing.ms)
      into.rssBytes.push(timing.rssBytes)
    }
  }
  const line = (label: string, s: Started) => `  start → ready ${label}: ${s.ms.map((ms) => ms.toFixed(0)).join(', ')} ms; RSS at ready ${s.rssBytes.map((b) => (b / MB).toFixed(0)).join(', ')} MB`
  ctx.log(line('on an empty data directory', empty))
  ctx.log(line('on the seeded one', seeded))
  return { empty, seeded }
}

interface CatchUp {
  distance: number
  ms: number
  cpuSeconds: number
}

/** One watcher resumes `distance` events before `liveAt`; the time is from its request until it has seen `liveAt`. */
async function catchUpOnce(url: string, serverPid: number, clients: CommandChild, at: { liveAt: number; distance: number; selector?: string }): Promise<CatchUp> {
  const cpu = trackCpuTime(serverPid)
  const selector = at.selector === undefined ? '' : `&fieldSelector=${encodeURIComponent(at.selector)}`
  const reply = await clients.request<OpenReply>('open', {
    target: { url, kind: 'chunked', path: `/api/v1/namespaces/default/pods?watch=1&resourceVersion=${at.liveAt - at.distance}${selector}` },
    count: 1, sampleEvery: 0, maxConnecting: 1, liveAtRevision: at.liveAt, waitLiveMs: CATCH_UP_LIMIT_MS,
  }, CATCH_UP_LIMIT_MS + 30_000)
  const cpuSeconds = cpu.stop().seconds
  await clients.request('close')
  if (reply.failed > 0) throw new Error(`the watcher ${at.distance} events back failed: ${reply.firstError ?? 'no error'}`)
  // NaN: not caught up within CATCH_UP_LIMIT_MS
  return { distance: at.distance, ms: reply.live === 1 ? reply.liveMaxMs! : NaN, cpuSeconds }
}

// The server keeps the last blocks of revisions it read (src/watch/log-blocks.ts): a trial
// after another over the same revisions would read none of the log, and a 1k trial would compare
// cached blocks with a 100k trial's read ones. A selector watch over as many revisions reads its
// blocks with previous states, cached under keys of their own, and so pushes every plain block out.
const CACHED_REVISIONS = CACHED_BLOCKS * BLOCK_REVISIONS

/** unmeasured: leaves the server's block cache holding nothing a plain watcher reads */
async function evictCachedBlocks(url: string, serverPid: number, clients: CommandChild, liveAt: number): Promise<void> {
  await catchUpOnce(url, serverPid, clients, { liveAt, distance: CACHED_REVISIONS, selector: 'metadata.namespace=default' })
}

interface CatchUpFigures {
  distance: number
  /** median of the trials */
  ms: number
  /** over all trials */
  cpuUsPerEvent: number
}

async function measureCatchUps(ctx: CaseContext, sizes: ScaleSizes, at: { dir: string; liveAt: number }): Promise<CatchUpFigures[]> {
  const server = await startServer('serve-watchplane.ts', [at.dir])
  const clients = startCommandChild('watch-clients.ts', makeTempDir('scale-catch-up-replies'))
  try {
    await clients.child.waitFor(/READY/)
    // one short catch-up first: lazy modules and JIT out of the figures
    await catchUpOnce(server.url, server.child.pid, clients, { liveAt: at.liveAt, distance: sizes.catchUpDistances[0]! })
    const out: CatchUpFigures[] = []
    for (const distance of sizes.catchUpDistances) {
      const trials: CatchUp[] = []
      for (let t = 0; t < CATCH_UP_TRIALS && !trials.some((c) => Number.isNaN(c.ms)); t++) {
        await evictCachedBlocks(server.url, server.child.pid, clients, at.liveAt)
        trials.push(await catchUpOnce(server.url, server.child.pid, clients, { liveAt: at.liveAt, distance }))
      }
      const cpuUsPerEvent = (trials.reduce((sum, c) => sum + c.cpuSeconds, 0) * 1e6) / (trials.length * distance)
      const times = trials.map((c) => (Number.isNaN(c.ms) ? `not live within ${CATCH_UP_LIMIT_MS / 1000} s` : c.ms.toFixed(0))).join(', ')
      ctx.log(`  catch-up ${sizeLabel(distance)} events back: ${times} ms; server CPU ${cpuUsPerEvent.toFixed(1)} µs per event`)
      out.push({ distance, ms: trials.some((c) => Number.isNaN(c.ms)) ? NaN : median(trials.map((c) => c.ms)), cpuUsPerEvent })
    }
    return out
  } finally {
    await clients.child.stop()
    await server.child.stop()
  }
}

export const scalingStartAndCatchUp: BenchCase = {
  name: 'scaling: start → ready by log length, catch-up by distance',
  async run(ctx) {
    const sizes = scaleSizes()
    const dir = makeTempDir('scale-log')
    if (Math.max(...sizes.catchUpDistances) >= sizes.startEvents - sizes.startObjects) throw new Error('catch-up distances must stay inside the updates: resourceVersion 0 would mean "from the current state"')
    const seeded = await seedRaw(dir, { groups: [{ namespace: 'default', count: sizes.startObjects }], updates: sizes.startEvents - sizes.startObjects })
    ctx.log(`  BENCH_SCALE=${sizes.name}: ${describeSeed(seeded)}`)
    const starts = await measureStarts(ctx, dir)
    const catchUps = await measureCatchUps(ctx, sizes, { dir, liveAt: seeded.currentRevision })
    const log = `events logged (${sizeLabel(sizes.startObjects)} objects)`
    const startPoints = (pick: (s: Started) => number) => [{ size: 0, value: pick(starts.empty) }, { size: sizes.startEvents, value: pick(starts.seeded) }]
    const series: GrowthSeries[] = [
      { name: `start → ready (median of ${START_RUNS})`, unit: 'ms', sizeUnit: log, complexity: FLAT('O(1): start reads no log'), points: startPoints((s) => median(s.ms)) },
      { name: 'RSS at ready', unit: 'MB', sizeUnit: log, complexity: FLAT('O(1)'), points: startPoints((s) => median(s.rssBytes) / MB) },
      { name: 'catch-up time', unit: 'ms', sizeUnit: 'events back', complexity: LINEAR('O(n)'), points: catchUps.map((c) => ({ size: c.distance, value: c.ms })) },
      { name: 'server CPU per catch-up event', unit: 'µs', sizeUnit: 'events back', complexity: FLAT('O(1)'), points: catchUps.map((c) => ({ size: c.distance, value: c.cpuUsPerEvent })) },
    ]
    for (const one of series) ctx.log(describeGrowth(one))
    return series.flatMap((one) => growthRows(one)) satisfies ResultRow[]
  },
}

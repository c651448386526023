import { Agent } from 'node:http'
import type { BenchCase, CaseContext } from '../support/bench-case.js'
import { startTsChild } from '../support/children.js'
import { trackRssGrowth } from '../support/peak-rss.js'
import type { ResultRow } from '../support/result-row.js'
import { startServer, type RunningServer } from '../support/start-servers.js'
import { makeTempDir } from '../support/temp-dirs.js'
import { timedGet, type TimedBody } from '../support/timed-get.js'

const SIZES = [10_000, 100_000]
const ROUNDS = 5
const MB = 1024 * 1024

async function seed(dir: string, count: number): Promise<void> {
  const child = startTsChild('bench/support/seed-pods.ts', [dir, String(count)])
  await child.waitFor(/SEEDED/, 120_000)
  await child.stop()
}

interface Measured {
  best: TimedBody
  rssGrowthBytes: number
}

/**
 * Lists `ROUNDS` times from each server, alternating, keeping the fastest; the RSS growth covers
 * every round, the first (cold page cache) included, since that is what a fresh server goes through.
 */
async function measure(ctx: CaseContext, servers: Array<{ label: string; server: RunningServer; path: string }>): Promise<Measured[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const trackers = servers.map((s) => trackRssGrowth(s.server.child.pid))
  const best: Array<TimedBody | undefined> = servers.map(() => undefined)
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, s] of servers.entries()) {
        const body = await timedGet(s.server.url + s.path, agent, { accept: 'application/json' })
        ctx.log(`  round ${round + 1} ${s.label}: ${body.ms.toFixed(0)} ms, ${(body.bytes / MB).toFixed(1)} MB`)
        if (!best[i] || body.ms < best[i]!.ms) best[i] = body
      }
    }
  } finally {
    agent.destroy()
  }
  return servers.map((_, i) => ({ best: best[i]!, rssGrowthBytes: trackers[i]!.stop() }))
}

async function measureSize(ctx: CaseContext, count: number): Promise<ResultRow[]> {
  const dir = makeTempDir(`list-${count}`)
  const seededMs = performance.now()
  await seed(dir, count)
  ctx.log(`  seeded ${count} pods through the storage layer in ${((performance.now() - seededMs) / 1000).toFixed(1)} s`)
  const running: RunningServer[] = []
  try {
    running.push(await startServer('serve-watchplane.ts', [dir]))
    running.push(await startServer('serve-raw-list.ts', [dir]))
    const [ours, raw] = await measure(ctx, [
      { label: 'watchplane GET /api/v1/pods', server: running[0]!, path: '/api/v1/pods' },
      { label: 'raw SQLite stream', server: running[1]!, path: '/' },
    ])
    const label = `${count / 1000}k`
    return [
      { case: `LIST ${label} pods, whole body`, unit: 'ms', ours: ours!.best.ms, reference: raw!.best.ms, referenceLabel: 'raw SQLite stream', goal: { type: 'ratio-at-most', ratio: 2 } },
      { case: `LIST ${label} pods, server RSS growth`, unit: 'MB', ours: ours!.rssGrowthBytes / MB, reference: raw!.rssGrowthBytes / MB, referenceLabel: 'raw SQLite stream', goal: { type: 'ours-below', value: 64 } },
    ]
  } finally {
    for (const server of running) await server.child.stop()
  }
}

export const listLatency: BenchCase = {
  name: 'LIST over HTTP',
  async run(ctx) {
    const rows: ResultRow[] = []
    for (const count of SIZES) rows.push(...(await measureSize(ctx, count)))
    return rows
  },
}

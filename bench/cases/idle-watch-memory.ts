import { readFileSync } from 'node:fs'
import type { BenchCase, CaseContext } from '../support/bench-case.js'
import type { Child } from '../support/children.js'
import { startCommandChild, type CommandChild } from '../support/command-child.js'
import { BENCH_NAMESPACE, configMapsPath } from '../support/configmaps.js'
import { describeMachineLoad } from '../support/machine-load.js'
import { readMemoryStatus, trackRssGrowth } from '../support/peak-rss.js'
import type { ResultRow } from '../support/result-row.js'
import { startServer } from '../support/start-servers.js'
import { makeTempDir } from '../support/temp-dirs.js'
import type { OpenReply, OpenRequest } from '../support/watch-clients.js'
import type { WatchTarget } from '../support/watch-stream.js'

const WATCHERS = 10_000
const CLIENT_PROCESSES = 2
const SETTLE_MS = 2000
const MB = 1024 * 1024
const READY = /READY (http:\/\/127\.0\.0\.1:\d+)/

interface Memory {
  peakGrowthBytes: number
  settledGrowthBytes: number
  openMs: number
}

/** A process' open-file limit (children inherit ours): each watch is one socket on each side. */
function openFileLimit(): number {
  return Number(/^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? NaN)
}

async function openOn(clients: CommandChild[], target: WatchTarget, total: number): Promise<OpenReply[]> {
  const request = (count: number): OpenRequest => ({ target, count, sampleEvery: 0, maxConnecting: 200 })
  const replies = await Promise.all(clients.map((c) => c.request<OpenReply>('open', request(total / clients.length), 120_000)))
  const failed = replies.reduce((sum, r) => sum + r.failed, 0)
  if (failed > 0) throw new Error(`${failed} of ${total} watches failed: ${replies.find((r) => r.firstError)?.firstError}`)
  return replies
}

/** Warms the server with a few watches first (lazy modules, JIT), then opens them all and tracks the RSS. */
async function measure(clients: CommandChild[], pid: number, target: WatchTarget): Promise<Memory> {
  await openOn(clients, target, 2 * clients.length)
  await Promise.all(clients.map((c) => c.request('close')))
  await new Promise((resolve) => setTimeout(resolve, 500))
  const baseline = readMemoryStatus(pid).rssBytes
  const tracker = trackRssGrowth(pid)
  const startedMs = performance.now()
  await openOn(clients, target, WATCHERS)
  const openMs = performance.now() - startedMs
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
  const settledGrowthBytes = readMemoryStatus(pid).rssBytes - baseline
  const peakGrowthBytes = tracker.stop()
  await Promise.all(clients.map((c) => c.request('close')))
  return { peakGrowthBytes, settledGrowthBytes, openMs }
}

const describe = (label: string, m: Memory) =>
  `  ${label}: ${WATCHERS} chunked watches open in ${(m.openMs / 1000).toFixed(1)} s; server RSS +${(m.peakGrowthBytes / MB).toFixed(0)} MB at peak, ` +
  `+${(m.settledGrowthBytes / MB).toFixed(0)} MB ${SETTLE_MS / 1000} s later (${((m.settledGrowthBytes / WATCHERS) / 1024).toFixed(1)} KB per watch); ${describeMachineLoad()}`

export const idleWatchMemory: BenchCase = {
  name: 'idle watch memory',
  async run(ctx: CaseContext) {
    const limit = openFileLimit()
    ctx.log(`  open files limit ${limit} per process: the server holds ${WATCHERS} sockets, each of ${CLIENT_PROCESSES} client processes ${WATCHERS / CLIENT_PROCESSES}`)
    if (!(limit > WATCHERS + 1000)) throw new Error(`open files limit ${limit} is too low for ${WATCHERS} watches (raise ulimit -n)`)
    const replyDir = makeTempDir('memory-replies')
    const clients = Array.from({ length: CLIENT_PROCESSES }, () => startCommandChild('watch-clients.ts', replyDir))
    const raw = startCommandChild('serve-raw-fanout.ts', replyDir)
    const processes: Child[] = [...clients, raw].map((c) => c.child)
    try {
      const ours = await startServer('serve-watchplane.ts', [makeTempDir('memory')])
      processes.push(ours.child)
      await Promise.all(clients.map((c) => c.child.waitFor(/READY/)))
      const rawUrl = (await raw.child.waitFor(READY))[1]!
      const path = `${configMapsPath(BENCH_NAMESPACE)}?watch=1`
      const oursMemory = await measure(clients, ours.child.pid, { url: ours.url, kind: 'chunked', path })
      ctx.log(describe('watchplane', oursMemory))
      const rawMemory = await measure(clients, raw.child.pid, { url: rawUrl, kind: 'chunked', path: '/watch' })
      ctx.log(describe('bare node:http', rawMemory))
      const row = { case: `${WATCHERS / 1000}k idle chunked watches: server RSS growth`, unit: 'MB', referenceLabel: 'bare node:http' }
      const rows: ResultRow[] = [
        // Issue 11: within 1.2× of bare node:http holding the same sockets. The older < 300 MB goal
        // hid a regression to 1.53× (+158 MB) for a stop; bare's +~105 MB keeps it met whenever this is.
        { ...row, ours: oursMemory.peakGrowthBytes / MB, reference: rawMemory.peakGrowthBytes / MB, goal: { type: 'ratio-at-most', ratio: 1.2 } },
        { case: `${WATCHERS / 1000}k idle chunked watches: time to open all`, unit: 'ms', ours: oursMemory.openMs, reference: rawMemory.openMs, referenceLabel: 'bare node:http' },
      ]
      return rows
    } finally {
      for (const child of processes) await child.stop()
    }
  },
}

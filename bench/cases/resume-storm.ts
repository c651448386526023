import { sampleAcceptQueue, type AcceptQueue } from '../support/accept-queue.js'
import type { BenchCase, CaseContext } from '../support/bench-case.js'
import { startTsChild, type Child } from '../support/children.js'
import { startCommandChild, type CommandChild } from '../support/command-child.js'
import { BENCH_NAMESPACE, configMapsPath } from '../support/configmaps.js'
import { cpuProfileFlags, summarizeCpuProfile } from '../support/cpu-profile.js'
import { describeMachineLoad } from '../support/machine-load.js'
import type { WriterReport, WriteStages } from '../support/paced-writer.js'
import type { RequestStages } from '../support/request-stages.js'
import { trackRssGrowth } from '../support/peak-rss.js'
import { trackCpuTime } from '../support/process-cpu.js'
import type { ResultRow } from '../support/result-row.js'
import { scaleSizes } from '../support/scale-sizes.js'
import { describeTcpCountersSince, readTcpCounters } from '../support/tcp-counters.js'
import { describeServerWindow, startServerWindow, type ServerWindow } from '../support/server-window.js'
import { makeTempDir } from '../support/temp-dirs.js'
import type { OpenReply, OpenRequest } from '../support/watch-clients.js'

// BENCH_SCALE=small: 100 watchers 1k events back, for a smoke run
const isSmall = scaleSizes().name === 'small'
const WATCHERS = isSmall ? 100 : 1000
const EVENTS_BEHIND = isSmall ? 1000 : 10_000
const CLIENT_PROCESSES = 2
const WRITE_RATE = 100
/** the writer's keep-alive connections, all open before the storm: a controller does not reconnect per write */
const WRITER_CONNECTIONS = 8
const BASELINE_MS = 4000
// 1000 × 10k events is 10M frames (~4.5 GB): give up waiting after this long and report how far it got.
const STORM_LIMIT_MS = 60_000
const MB = 1024 * 1024

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const ms = (value: number | null) => value ?? NaN

async function seed(ctx: CaseContext, dir: string): Promise<void> {
  const startedMs = performance.now()
  const child = startTsChild('bench/support/seed-configmaps.ts', [dir, String(EVENTS_BEHIND + 1000), '0', '60000', '1'])
  await child.waitFor(/SEEDED/, 120_000)
  await child.stop()
  ctx.log(`  seeded ${EVENTS_BEHIND + 1000} ConfigMaps through the storage layer in ${((performance.now() - startedMs) / 1000).toFixed(1)} s`)
}

async function currentRevision(url: string): Promise<number> {
  const list = (await (await fetch(`${url}${configMapsPath(BENCH_NAMESPACE)}?limit=1`)).json()) as { metadata: { resourceVersion: string } }
  return Number(list.metadata.resourceVersion)
}

interface LoopDelay {
  maxMs: number
  p99Ms: number
}

interface Storm {
  replies: OpenReply[]
  /** the server's event loop meanwhile: how long one turn held everything else up */
  loopDelay: LoopDelay
  writes: WriterReport
  serverCores: number
  serverCpuSeconds: number
  /** the server's /metrics over the storm: the writer's creates inside the server */
  window: ServerWindow
  rssGrowthBytes: number
  /** where writes waited inside the server (accept → head → response end) */
  stages: RequestStages
  /** the kernel's TCP counters meanwhile (whole network namespace): drops and retransmission timeouts */
  tcp: string
  /** connections the kernel had completed and the server had not yet accepted */
  acceptQueue: AcceptQueue
  liveAt: number
  live: number
  /** when the last watcher went live, from the start; NaN unless all did */
  allLiveMs: number
  events: number
  bytes: number
}

/** Every watcher resumes at once from EVENTS_BEHIND events ago; done when each has seen the revision current at the start. */
const resumePath = (liveAt: number) => `${configMapsPath(BENCH_NAMESPACE)}?watch=1&resourceVersion=${liveAt - EVENTS_BEHIND}`
const openRequest = (url: string, liveAt: number, clients: number): OpenRequest => ({
  target: { url, kind: 'chunked', path: resumePath(liveAt) },
  count: WATCHERS / clients, sampleEvery: 0, maxConnecting: WATCHERS, liveAtRevision: liveAt, waitLiveMs: STORM_LIMIT_MS,
})
const allLiveMsOf = (replies: OpenReply[]) =>
  replies.reduce((sum, r) => sum + (r.live ?? 0), 0) === WATCHERS ? Math.max(...replies.map((r) => r.liveMaxMs ?? NaN)) : NaN

/** Every watcher resumes at once from EVENTS_BEHIND events ago; done when each has seen the revision current at the start. */
async function storm(url: string, clients: CommandChild[], writer: CommandChild, server: CommandChild): Promise<Storm> {
  const liveAt = await currentRevision(url)
  const request = openRequest(url, liveAt, clients.length)
  const metrics = await startServerWindow(url)
  await Promise.all([writer.request('mark'), server.request('loop-delay-start'), server.request('stages-start')])
  const tcpBefore = readTcpCounters()
  const acceptQueue = sampleAcceptQueue(Number(new URL(url).port))
  const cpu = trackCpuTime(server.child.pid)
  const rss = trackRssGrowth(server.child.pid)
  const replies = await Promise.all(clients.map((c) => c.request<OpenReply>('open', request, STORM_LIMIT_MS + 30_000)))
  const [serverCpu, rssGrowthBytes] = [cpu.stop(), rss.stop()]
  const window = await metrics.stop()
  const writes = await writer.request<WriterReport>('report')
  const stages = await server.request<RequestStages>('stages-stop')
  const tcp = describeTcpCountersSince(tcpBefore)
  const queue = acceptQueue.stop()
  await Promise.all(clients.map((c) => c.request('close')))
  const loopDelay = await server.request<LoopDelay>('loop-delay-stop', null, 120_000)
  const total = (pick: (r: OpenReply) => number) => replies.reduce((sum, r) => sum + pick(r), 0)
  const live = total((r) => r.live ?? 0)
  const allLiveMs = allLiveMsOf(replies)
  return { replies, loopDelay, writes, serverCores: serverCpu.cores, serverCpuSeconds: serverCpu.seconds, window, rssGrowthBytes, stages, tcp, acceptQueue: queue, liveAt, live, allLiveMs, events: total((r) => r.events), bytes: total((r) => r.bytes) }
}

interface BareStorm {
  allLiveMs: number
  headersMaxMs: number
  bodyBytes: number
  tcp: string
}

/** The reference: a bare node:http server sends each of WATCHERS sockets the bytes one resuming watcher got from watchplane. */
async function bareStorm(url: string, liveAt: number, clients: CommandChild[], bare: CommandChild): Promise<BareStorm> {
  const bareUrl = (await bare.child.waitFor(/READY (http:\/\/127\.0\.0\.1:\d+)/))[1]!
  const { bytes } = await bare.request<{ bytes: number }>('load', { url, path: resumePath(liveAt), liveAtRevision: liveAt }, STORM_LIMIT_MS)
  const tcpBefore = readTcpCounters()
  const replies = await Promise.all(clients.map((c) => c.request<OpenReply>('open', openRequest(bareUrl, liveAt, clients.length), STORM_LIMIT_MS + 30_000)))
  const tcp = describeTcpCountersSince(tcpBefore)
  await Promise.all(clients.map((c) => c.request('close')))
  return { allLiveMs: allLiveMsOf(replies), headersMaxMs: Math.max(...replies.map((r) => r.headersMaxMs)), bodyBytes: bytes, tcp }
}

const describeStages = (w: WriteStages | undefined) =>
  w ? `${w.totalMs.toFixed(0)} ms = agent ${w.socketMs.toFixed(0)} + ${w.isNewConnection ? 'new' : 'reused'} connection ${w.connectMs.toFixed(0)} + request to response head ${w.serverMs.toFixed(0)} (+ body)` : 'none'

function describeWriteWaits(s: Storm): string {
  const { stages } = s
  return `  where writes waited: slowest ${describeStages(s.writes.slowest)}; ${s.writes.newConnections} writes opened a new connection; the writer's own event loop stalled up to ${s.writes.ownLoopDelayMaxMs.toFixed(0)} ms; ` +
    `inside the server, accept → request head max ${stages.acceptToHeadMaxMs.toFixed(0)} ms (${stages.newConnections} new connections), ` +
    `head → response end p99 ${stages.headToFinishP99Ms.toFixed(1)} ms max ${stages.headToFinishMaxMs.toFixed(1)} ms; ` +
    `watch response heads sent to their sockets by the server at most ${stages.watchHeadMaxMs.toFixed(0)} ms after their accept (${stages.watchHeads} watches); ` +
    `accept queue: up to ${s.acceptQueue.maxQueued} connections waiting, non-empty for up to ${s.acceptQueue.longestNonEmptyMs.toFixed(0)} ms at a stretch; ` +
    `TCP meanwhile (every process on this machine): ${s.tcp}`
}

function describeStorm(s: Storm): string {
  const elapsedMs = Number.isNaN(s.allLiveMs) ? STORM_LIMIT_MS : s.allLiveMs
  const expected = WATCHERS * EVENTS_BEHIND
  const outcome = Number.isNaN(s.allLiveMs)
    ? `only ${s.live} of ${WATCHERS} watchers live after ${STORM_LIMIT_MS / 1000} s, with ${((100 * s.events) / expected).toFixed(0)}% of the ≈${expected.toLocaleString('en-US')} catch-up events delivered (at that pace all would be live after ~${((elapsedMs * expected) / s.events / 1000).toFixed(0)} s)`
    : `all ${WATCHERS} watchers live after ${(s.allLiveMs / 1000).toFixed(1)} s (median ${(Math.max(...s.replies.map((r) => r.liveP50Ms ?? NaN)) / 1000).toFixed(1)} s)`
  return `  storm: ${outcome}; the slowest response head took ${Math.max(...s.replies.map((r) => r.headersMaxMs)).toFixed(0)} ms; ` +
    `the server's event loop stalled up to ${s.loopDelay.maxMs.toFixed(0)} ms per turn (p99 ${s.loopDelay.p99Ms.toFixed(0)} ms); ` +
    `${s.events.toLocaleString('en-US')} events, ${(s.bytes / MB).toFixed(0)} MB delivered (${(s.events / (elapsedMs / 1000)).toFixed(0)} events/s); ` +
    `server RSS +${(s.rssGrowthBytes / MB).toFixed(0)} MB at peak; CPU: server ${s.serverCores.toFixed(2)} (${((s.serverCpuSeconds * 1e6) / s.events).toFixed(1)} µs per catch-up event), watch clients ${s.replies.reduce((sum, r) => sum + r.cores, 0).toFixed(2)} cores; ` +
    `writes meanwhile ${s.writes.count} answered, p50 ${ms(s.writes.p50Ms).toFixed(1)} ms p99 ${ms(s.writes.p99Ms).toFixed(1)} ms max ${ms(s.writes.maxMs).toFixed(1)} ms; ${describeMachineLoad()}`
}

export const resumeStorm: BenchCase = {
  name: 'resume storm',
  async run(ctx) {
    const dir = makeTempDir('storm')
    await seed(ctx, dir)
    const replyDir = makeTempDir('storm-replies')
    const clients = Array.from({ length: CLIENT_PROCESSES }, () => startCommandChild('watch-clients.ts', replyDir))
    const writer = startCommandChild('paced-writer.ts', replyDir)
    const server = startCommandChild('serve-watchplane-commands.ts', replyDir, { args: [dir], nodeFlags: cpuProfileFlags(ctx) })
    const bare = startCommandChild('serve-bare-replay.ts', replyDir)
    const processes: Child[] = [...clients, writer, server, bare].map((c) => c.child)
    try {
      const url = (await server.child.waitFor(/READY (http:\/\/127\.0\.0\.1:\d+)/))[1]!
      await Promise.all([...clients, writer].map((c) => c.child.waitFor(/READY/)))
      await writer.request('start', { kind: 'watchplane', url, rate: WRITE_RATE, prefix: 'storm', connections: WRITER_CONNECTIONS })
      await sleep(1000)
      await writer.request('mark')
      await sleep(BASELINE_MS)
      const baseline = await writer.request<WriterReport>('report')
      ctx.log(`  writer alone at ${WRITE_RATE}/s: ${baseline.count} answered, p50 ${ms(baseline.p50Ms).toFixed(1)} ms p99 ${ms(baseline.p99Ms).toFixed(1)} ms max ${ms(baseline.maxMs).toFixed(1)} ms`)
      const s = await storm(url, clients, writer, server)
      ctx.log(describeStorm(s))
      ctx.log(describeWriteWaits(s))
      ctx.log(describeServerWindow(s.window, 'create', s.writes.p50Ms ?? undefined))
      await writer.request('stop')
      const b = await bareStorm(url, s.liveAt, clients, bare)
      ctx.log(`  bare node:http sending the same ${(b.bodyBytes / MB).toFixed(1)} MB to each of ${WATCHERS} sockets: all live after ${(b.allLiveMs / 1000).toFixed(1)} s; slowest response head ${b.headersMaxMs.toFixed(0)} ms; TCP meanwhile: ${b.tcp}`)
      const slowestHeadMs = Math.max(...s.replies.map((r) => r.headersMaxMs))
      const name = `resume storm ${WATCHERS}×${EVENTS_BEHIND / 1000}k events`
      const rows: ResultRow[] = [
        {
          case: `${name}: all live after`, unit: 'ms', ours: s.allLiveMs, reference: b.allLiveMs, referenceLabel: 'bare node:http, same bytes',
          goal: { type: 'ratio-at-most', ratio: 1.5 }, ...(Number.isNaN(s.allLiveMs) ? { note: `only ${s.live} live within ${STORM_LIMIT_MS / 1000} s` } : {}),
        },
        { case: `${name}: slowest response head`, unit: 'ms', ours: slowestHeadMs, reference: b.headersMaxMs, referenceLabel: 'bare node:http', goal: { type: 'ours-below', value: 100 } },
        { case: `${name}: slowest response head, server side`, unit: 'ms', ours: s.stages.watchHeadMaxMs, referenceLabel: '', note: 'accept → head sent to the socket' },
        { case: `${name}: write p99 meanwhile`, unit: 'ms', ours: ms(s.writes.p99Ms), reference: ms(baseline.p99Ms), referenceLabel: 'no storm' },
        { case: `${name}: write max meanwhile`, unit: 'ms', ours: ms(s.writes.maxMs), reference: ms(baseline.maxMs), referenceLabel: 'no storm', goal: { type: 'ours-below', value: 50 } },
        // A histogram bucket's bound: the disk's share of the write max above (these machines' disks are shared).
        { case: `${name}: WAL fdatasync max meanwhile`, unit: 'ms', ours: s.window.walSyncMaxAtMostMs, referenceLabel: '', note: 'at most (bucket bound)' },
        { case: `${name}: server RSS growth`, unit: 'MB', ours: s.rssGrowthBytes / MB, referenceLabel: '', note: '—' },
        { case: `${name}: server event-loop stall max`, unit: 'ms', ours: s.loopDelay.maxMs, referenceLabel: '', note: '—' },
      ]
      return rows
    } finally {
      for (const child of processes) await child.stop()
      if (ctx.cpuProfileDir) ctx.log(summarizeCpuProfile(ctx.cpuProfileDir, 10))
    }
  },
}

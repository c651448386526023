import type { CommandChild } from './command-child.js'
import { percentile } from './percentiles.js'
import { trackCpu } from './process-cpu.js'
import type { WriterReport } from './paced-writer.js'
import type { OpenReply, OpenRequest, WindowReport } from './watch-clients.js'
import type { WatchTarget } from './watch-stream.js'

/** Where events come from: a writer writing through the server's API, or the server making them itself (raw). */
export interface EventSource {
  start(rate: number): Promise<void>
  stop(): Promise<void>
  /** the writer's report over the measured window; undefined when the server makes its own events */
  report(): Promise<WriterReport | undefined>
  mark(): Promise<void>
}

export interface FanoutRun {
  /** the watch streams to open, all alike; several targets (replicas) share the watchers evenly */
  target: WatchTarget | readonly WatchTarget[]
  watchers: number
  rate: number
  /** every n-th stream collects latency samples */
  sampleEvery: number
  source: EventSource
  /** the server process (or the replicas), for their CPU use */
  serverPid: number | readonly number[]
  clients: readonly CommandChild[]
  warmupMs: number
  measureMs: number
}

export interface FanoutResult {
  deliveredPerSecond: number
  expectedPerSecond: number
  /** from the probe's send time (the writer's POST, or the raw server's serialization) to receipt */
  fromSend: { p50Ms: number; p99Ms: number }
  /** from the writer's ack; undefined without a writer. Can be negative: watchers hear of a commit before its writer */
  fromAck?: { p50Ms: number; p99Ms: number }
  samples: number
  writer?: WriterReport
  serverCores: number
  clientCores: number
  failedStreams: number
  firstError?: string
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function latencies(reports: readonly WindowReport[], writer: WriterReport | undefined): Pick<FanoutResult, 'fromSend' | 'fromAck' | 'samples'> {
  const fromSend: number[] = []
  const fromAck: number[] = []
  const ackOf = new Map<number, number>()
  for (let i = 0; writer && i < writer.acks.length; i += 2) ackOf.set(writer.acks[i]!, writer.acks[i + 1]!)
  for (const report of reports) {
    for (let i = 0; i < report.samples.length; i += 3) {
      const [seq, sentMs, receivedMs] = [report.samples[i]!, report.samples[i + 1]!, report.samples[i + 2]!]
      fromSend.push(receivedMs - sentMs)
      const ackMs = ackOf.get(seq)
      if (ackMs !== undefined) fromAck.push(receivedMs - ackMs)
    }
  }
  const quantiles = (values: number[]) => ({ p50Ms: percentile(values, 0.5), p99Ms: percentile(values, 0.99) })
  return { fromSend: quantiles(fromSend), ...(writer ? { fromAck: quantiles(fromAck) } : {}), samples: fromSend.length }
}

async function openAll(run: FanoutRun): Promise<void> {
  const targets = [run.target].flat()
  const slots = run.clients.flatMap((client) => targets.map((target) => ({ client, target })))
  const perSlot = Math.ceil(run.watchers / slots.length)
  const replies = await Promise.all(slots.map(({ client, target }, i) => {
    const count = Math.max(0, Math.min(perSlot, run.watchers - i * perSlot))
    const request: OpenRequest = { target, count, sampleEvery: run.sampleEvery, maxConnecting: 100 }
    return client.request<OpenReply>('open', request)
  }))
  const failed = replies.find((r) => r.failed > 0)
  if (failed) throw new Error(`${failed.failed} watches failed to open: ${failed.firstError}`)
}

/** Opens the watches, starts the events, measures one window after a warm-up, and tears it all down. */
export async function measureFanout(run: FanoutRun): Promise<FanoutResult> {
  await openAll(run)
  try {
    await run.source.start(run.rate)
    await sleep(run.warmupMs)
    const serverCpu = [run.serverPid].flat().map((pid) => trackCpu(pid))
    await Promise.all([run.source.mark(), ...run.clients.map((c) => c.request('mark'))])
    await sleep(run.measureMs)
    const [writer, reports] = await Promise.all([run.source.report(), Promise.all(run.clients.map((c) => c.request<WindowReport>('report')))])
    const serverCores = serverCpu.reduce((sum, cpu) => sum + cpu.stop(), 0)
    const total = (pick: (r: WindowReport) => number) => reports.reduce((sum, r) => sum + pick(r), 0)
    return {
      deliveredPerSecond: total((r) => (r.events / r.windowMs) * 1000),
      expectedPerSecond: run.watchers * run.rate,
      ...latencies(reports, writer),
      ...(writer ? { writer } : {}),
      serverCores,
      clientCores: total((r) => r.cores),
      failedStreams: total((r) => r.failedStreams),
      firstError: reports.find((r) => r.firstError)?.firstError,
    }
  } finally {
    await run.source.stop()
    await Promise.all(run.clients.map((c) => c.request('close')))
  }
}

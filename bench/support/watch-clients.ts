import { monoMs } from './configmaps.js'
import { serveCommands } from './command-loop.js'
import { percentile } from './percentiles.js'
import { WatchStream, type WatchTarget } from './watch-stream.js'

// Child process: a crowd of watch clients on bare sockets (watch-stream.ts), driven over stdin by
// a case (command-child.ts). argv: <replyDir>. Commands: open, mark, report, close.

export interface OpenRequest {
  target: WatchTarget
  count: number
  /** every n-th stream collects latency samples; 0 for none */
  sampleEvery: number
  /** connections being set up at once; the rest wait their turn (the listen backlog is finite) */
  maxConnecting: number
  /** resume storm: wait until every stream has carried this resourceVersion */
  liveAtRevision?: number
  /** give up waiting (for response heads, and for liveAtRevision) this long after the command; default 60 s */
  waitLiveMs?: number
}

export interface OpenReply {
  opened: number
  failed: number
  firstError?: string
  /** from the open command to each stream's response head: p50 and max */
  headersP50Ms: number
  headersMaxMs: number
  /** with liveAtRevision: how many got there, and when (from the open command) */
  live?: number
  liveP50Ms?: number
  liveMaxMs?: number
  events: number
  bytes: number
  cores: number
}

export interface WindowReport {
  events: number
  bytes: number
  windowMs: number
  /** this process' CPU use over the window, in cores */
  cores: number
  /** flat triples: seq, sentMs, receivedMs */
  samples: number[]
  streams: number
  /** streams that failed or were closed by the server */
  failedStreams: number
  firstError?: string
}

const replyDir = process.argv[2]
if (!replyDir) throw new Error('usage: watch-clients.ts <replyDir>')
let streams: WatchStream[] = []
let mark = { events: 0, bytes: 0, atMs: 0, cpu: process.cpuUsage() }

const sum = (pick: (s: WatchStream) => number) => streams.reduce((total, s) => total + pick(s), 0)
const coresSince = (cpu: NodeJS.CpuUsage, sinceMs: number) => {
  const used = process.cpuUsage(cpu)
  return (used.user + used.system) / 1000 / (monoMs() - sinceMs)
}

/** resolves when each of `batch` is past `isDone` or failed, or once `deadlineMs` (monotonic) passed */
async function waitAll(batch: readonly WatchStream[], isDone: (s: WatchStream) => boolean, deadlineMs: number): Promise<void> {
  while (monoMs() < deadlineMs && batch.some((s) => !isDone(s) && s.error === undefined)) {
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const hasHeaders = (s: WatchStream) => s.headersAtMs !== undefined

async function open(request: OpenRequest): Promise<OpenReply> {
  const startedMs = monoMs()
  const deadlineMs = startedMs + (request.waitLiveMs ?? 60_000)
  const cpu = process.cpuUsage()
  let batch: WatchStream[] = []
  for (let i = 0; i < request.count; i++) {
    const options = { isSampled: request.sampleEvery > 0 && i % request.sampleEvery === 0, liveAtRevision: request.liveAtRevision }
    batch.push(new WatchStream(request.target, options))
    if (batch.length < request.maxConnecting) continue
    await waitAll(batch, hasHeaders, deadlineMs)
    streams.push(...batch)
    batch = []
  }
  streams.push(...batch)
  await waitAll(streams, hasHeaders, deadlineMs)
  if (request.liveAtRevision !== undefined) await waitAll(streams, (s) => s.liveAtMs !== undefined, deadlineMs)
  const headersMs = streams.filter((s) => s.headersAtMs !== undefined).map((s) => s.headersAtMs! - startedMs)
  const liveMs = streams.filter((s) => s.liveAtMs !== undefined).map((s) => s.liveAtMs! - startedMs)
  const failed = streams.filter((s) => s.error !== undefined)
  return {
    opened: headersMs.length, failed: failed.length, firstError: failed[0]?.error,
    headersP50Ms: percentile(headersMs, 0.5), headersMaxMs: percentile(headersMs, 1),
    ...(request.liveAtRevision === undefined ? {} : { live: liveMs.length, liveP50Ms: percentile(liveMs, 0.5), liveMaxMs: percentile(liveMs, 1) }),
    events: sum((s) => s.events), bytes: sum((s) => s.bytes), cores: coresSince(cpu, startedMs),
  }
}

function startWindow(): Record<string, never> {
  for (const s of streams) {
    s.samples = []
    s.isRecording = true
  }
  mark = { events: sum((s) => s.events), bytes: sum((s) => s.bytes), atMs: monoMs(), cpu: process.cpuUsage() }
  return {}
}

function report(): WindowReport {
  const failed = streams.filter((s) => s.error !== undefined)
  const samples: number[] = []
  for (const s of streams) {
    s.isRecording = false
    for (const value of s.samples) samples.push(value)
  }
  return {
    events: sum((s) => s.events) - mark.events, bytes: sum((s) => s.bytes) - mark.bytes,
    windowMs: monoMs() - mark.atMs, cores: coresSince(mark.cpu, mark.atMs), samples,
    streams: streams.length, failedStreams: failed.length, firstError: failed[0]?.error,
  }
}

function close(): Record<string, never> {
  for (const s of streams) s.close()
  streams = []
  return {}
}

serveCommands(replyDir, { open, mark: startWindow, report, close }, close)
process.stdout.write('READY\n')

import { Agent, request } from 'node:http'
import { Agent as HttpsAgent, request as requestTls } from 'node:https'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { serveCommands } from './command-loop.js'
import { BENCH_NAMESPACE, configMapBody, configMapsPath, monoMs, probeOf, storedConfigMap } from './configmaps.js'
import { percentile } from './percentiles.js'
import type { TlsClient } from './watch-stream.js'

// Child process: an open-loop writer. Sends `rate` writes a second on schedule, whether or not
// earlier ones were answered (a closed loop would slow down with the server and hide its stalls).
// Each write carries a probe (configmaps.ts). argv: <replyDir>. Commands: start, mark, report, stop.

export interface StartRequest {
  /** watchplane: POST a ConfigMap; etcd: a put through the v3 JSON gateway */
  kind: 'watchplane' | 'etcd'
  url: string
  rate: number
  /** names are `<prefix>-<seq>`; unique per run, so every write is a create */
  prefix: string
  /**
   * Opens this many keep-alive connections before the first write and never more, as a controller
   * holds its connection (client-go: one HTTP/2 connection): a write then measures the server, not
   * the kernel's accept queue shared with a storm of new watch connections. Unset: up to 64, opened as needed.
   */
  connections?: number
  /** https: the CA that signed the server's certificate, and the writer's client certificate */
  tls?: TlsClient
}

export interface WriterReport {
  /** answered within the window */
  count: number
  failed: number
  firstFailure?: string
  p50Ms: number
  p99Ms: number
  maxMs: number
  /** writes answered per second in the window */
  perSecond: number
  cores: number
  /** flat pairs over the whole run: seq, ackMs (the time the answer arrived) */
  acks: number[]
  /** writes in the window that had to open a new connection (none free in the keep-alive pool) */
  newConnections: number
  /** p99 of the time writes waited in the writer for a pooled connection: queueing in the load generator, not the server */
  poolWaitP99Ms: number
  /** where the slowest write of the window waited */
  slowest?: WriteStages
  /** the writer's own event loop: its worst lateness in the window (a starved writer reads answers late) */
  ownLoopDelayMaxMs: number
}

/** One write's time, split at the moments the client can see (ms from sending). */
export interface WriteStages {
  totalMs: number
  /** until a socket was handed to the request: the agent's pool */
  socketMs: number
  /** until the TCP connection was up; 0 for a reused connection */
  connectMs: number
  /** from the request going out on a connected socket to the response head: the server's share */
  serverMs: number
  isNewConnection: boolean
}

const MAX_IN_FLIGHT = 256
const replyDir = process.argv[2]
if (!replyDir) throw new Error('usage: paced-writer.ts <replyDir>')

const DEFAULT_MAX_SOCKETS = 64
let agent: Agent = new Agent({ keepAlive: true, maxSockets: DEFAULT_MAX_SOCKETS })
let timer: NodeJS.Timeout | undefined
let inFlight = 0
let acks: number[] = []
const ownLoop = monitorEventLoopDelay({ resolution: 5 })
ownLoop.enable()
const emptyWindow = () => ({
  startedMs: monoMs(), cpu: process.cpuUsage(), latenciesMs: [] as number[], poolWaitsMs: [] as number[], failed: 0, firstFailure: undefined as string | undefined,
  newConnections: 0, slowest: undefined as WriteStages | undefined,
})
let window = emptyWindow()

function requestFor(run: StartRequest, seq: number, probe: string): { path: string; body: string } {
  const name = `${run.prefix}-${seq}`
  if (run.kind === 'watchplane') return { path: configMapsPath(BENCH_NAMESPACE), body: configMapBody(name, probe) }
  const value = JSON.stringify(storedConfigMap(BENCH_NAMESPACE, name, probe))
  const base64 = (text: string) => Buffer.from(text).toString('base64')
  return { path: '/v3/kv/put', body: JSON.stringify({ key: base64(`/registry/configmaps/${BENCH_NAMESPACE}/${name}`), value: base64(value) }) }
}

/** the moments one write passed, monotonic ms */
interface WriteTimes {
  sentMs: number
  socketMs?: number
  connectedMs?: number
  headMs?: number
  isNewConnection: boolean
}

function stagesOf(times: WriteTimes, ackMs: number): WriteStages {
  const socketMs = (times.socketMs ?? ackMs) - times.sentMs
  const connectedMs = (times.connectedMs ?? times.socketMs ?? ackMs) - times.sentMs
  return {
    totalMs: ackMs - times.sentMs, socketMs, connectMs: connectedMs - socketMs,
    serverMs: (times.headMs ?? ackMs) - times.sentMs - connectedMs, isNewConnection: times.isNewConnection,
  }
}

function settle(seq: number, times: WriteTimes, failure: string | undefined): void {
  inFlight -= 1
  const ackMs = monoMs()
  if (failure !== undefined) {
    window.failed += 1
    window.firstFailure ??= failure
    return
  }
  acks.push(seq, ackMs)
  if (times.sentMs < window.startedMs) return
  const latencyMs = ackMs - times.sentMs
  window.latenciesMs.push(latencyMs)
  window.poolWaitsMs.push((times.socketMs ?? ackMs) - times.sentMs)
  if (times.isNewConnection) window.newConnections += 1
  if (latencyMs > (window.slowest?.totalMs ?? -1)) window.slowest = stagesOf(times, ackMs)
}

function send(run: StartRequest, seq: number): void {
  const sentMs = monoMs()
  const times: WriteTimes = { sentMs, isNewConnection: false }
  const { path, body } = requestFor(run, seq, probeOf(seq, sentMs))
  inFlight += 1
  const headers = { 'content-type': 'application/json', accept: 'application/json', 'content-length': String(Buffer.byteLength(body)) }
  const outgoing = (run.tls ? requestTls : request)(run.url + path, { method: 'POST', agent, headers }, (res) => {
    times.headMs = monoMs()
    let text = ''
    res.setEncoding('utf8').on('data', (part: string) => (text += part))
    res.on('end', () => settle(seq, times, res.statusCode === 200 || res.statusCode === 201 ? undefined : `HTTP ${res.statusCode}: ${text.slice(0, 200)}`))
  })
  outgoing.on('socket', (socket) => {
    times.socketMs = monoMs()
    times.isNewConnection = socket.connecting
    if (socket.connecting) socket.once('connect', () => (times.connectedMs = monoMs()))
  })
  outgoing.on('error', (error) => settle(seq, times, error.message))
  outgoing.end(body)
}

function newAgent(tls: TlsClient | undefined, options: { maxSockets: number; scheduling?: 'fifo' }): Agent {
  const base = { keepAlive: true, ...options }
  return tls ? new HttpsAgent({ ...base, ca: tls.caPem, ...(tls.certPem ? { cert: tls.certPem, key: tls.keyPem } : {}) }) : new Agent(base)
}

/** `count` requests at once on a fresh pool: each opens its own connection, then rests in the pool */
async function openConnections(run: StartRequest, count: number): Promise<void> {
  // fifo hands out the longest-resting socket, so every connection stays in use and none idles out
  agent = newAgent(run.tls, { maxSockets: count, scheduling: 'fifo' })
  const probe = () => new Promise<void>((resolve, reject) => {
    ;(run.tls ? requestTls : request)(`${run.url}/readyz`, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject).end()
  })
  await Promise.all(Array.from({ length: count }, probe))
}

async function start(run: StartRequest): Promise<Record<string, never>> {
  stop()
  if (run.connections) await openConnections(run, run.connections)
  else if (run.tls) agent = newAgent(run.tls, { maxSockets: DEFAULT_MAX_SOCKETS })
  acks = []
  const startedMs = monoMs()
  let sent = 0
  // setInterval(1) fires about every millisecond; each tick sends whatever the schedule says is due.
  timer = setInterval(() => {
    const due = Math.floor(((monoMs() - startedMs) * run.rate) / 1000)
    while (sent < due && inFlight < MAX_IN_FLIGHT) send(run, sent++)
  }, 1)
  return {}
}

function mark(): Record<string, never> {
  window = emptyWindow()
  ownLoop.reset()
  return {}
}

function report(): WriterReport {
  const elapsedMs = monoMs() - window.startedMs
  const cpu = process.cpuUsage(window.cpu)
  const { latenciesMs } = window
  return {
    count: latenciesMs.length, failed: window.failed, firstFailure: window.firstFailure,
    p50Ms: percentile(latenciesMs, 0.5), p99Ms: percentile(latenciesMs, 0.99), maxMs: percentile(latenciesMs, 1),
    perSecond: (latenciesMs.length / elapsedMs) * 1000, cores: (cpu.user + cpu.system) / 1000 / elapsedMs, acks,
    newConnections: window.newConnections, poolWaitP99Ms: percentile(window.poolWaitsMs, 0.99), ...(window.slowest ? { slowest: window.slowest } : {}), ownLoopDelayMaxMs: ownLoop.max / 1e6,
  }
}

function stop(): Record<string, never> {
  if (timer) clearInterval(timer)
  timer = undefined
  agent.destroy()
  agent = new Agent({ keepAlive: true, maxSockets: DEFAULT_MAX_SOCKETS })
  return {}
}

serveCommands(replyDir, { start, mark, report, stop }, stop)
process.stdout.write('READY\n')

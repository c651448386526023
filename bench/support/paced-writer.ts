import { Agent, request } from 'node:http'
import { serveCommands } from './command-loop.js'
import { BENCH_NAMESPACE, configMapBody, configMapsPath, monoMs, probeOf, storedConfigMap } from './configmaps.js'
import { percentile } from './percentiles.js'

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
}

const MAX_IN_FLIGHT = 256
const replyDir = process.argv[2]
if (!replyDir) throw new Error('usage: paced-writer.ts <replyDir>')

let agent = new Agent({ keepAlive: true, maxSockets: 64 })
let timer: NodeJS.Timeout | undefined
let inFlight = 0
let acks: number[] = []
let window = { startedMs: monoMs(), cpu: process.cpuUsage(), latenciesMs: [] as number[], failed: 0, firstFailure: undefined as string | undefined }

function requestFor(run: StartRequest, seq: number, probe: string): { path: string; body: string } {
  const name = `${run.prefix}-${seq}`
  if (run.kind === 'watchplane') return { path: configMapsPath(BENCH_NAMESPACE), body: configMapBody(name, probe) }
  const value = JSON.stringify(storedConfigMap(BENCH_NAMESPACE, name, probe))
  const base64 = (text: string) => Buffer.from(text).toString('base64')
  return { path: '/v3/kv/put', body: JSON.stringify({ key: base64(`/registry/configmaps/${BENCH_NAMESPACE}/${name}`), value: base64(value) }) }
}

function settle(seq: number, sentMs: number, failure: string | undefined): void {
  inFlight -= 1
  const ackMs = monoMs()
  if (failure !== undefined) {
    window.failed += 1
    window.firstFailure ??= failure
    return
  }
  acks.push(seq, ackMs)
  if (sentMs >= window.startedMs) window.latenciesMs.push(ackMs - sentMs)
}

function send(run: StartRequest, seq: number): void {
  const sentMs = monoMs()
  const { path, body } = requestFor(run, seq, probeOf(seq, sentMs))
  inFlight += 1
  const headers = { 'content-type': 'application/json', accept: 'application/json', 'content-length': String(Buffer.byteLength(body)) }
  const outgoing = request(run.url + path, { method: 'POST', agent, headers }, (res) => {
    let text = ''
    res.setEncoding('utf8').on('data', (part: string) => (text += part))
    res.on('end', () => settle(seq, sentMs, res.statusCode === 200 || res.statusCode === 201 ? undefined : `HTTP ${res.statusCode}: ${text.slice(0, 200)}`))
  })
  outgoing.on('error', (error) => settle(seq, sentMs, error.message))
  outgoing.end(body)
}

function start(run: StartRequest): Record<string, never> {
  stop()
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
  window = { startedMs: monoMs(), cpu: process.cpuUsage(), latenciesMs: [], failed: 0, firstFailure: undefined }
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
  }
}

function stop(): Record<string, never> {
  if (timer) clearInterval(timer)
  timer = undefined
  agent.destroy()
  agent = new Agent({ keepAlive: true, maxSockets: 64 })
  return {}
}

serveCommands(replyDir, { start, mark, report, stop }, stop)
process.stdout.write('READY\n')

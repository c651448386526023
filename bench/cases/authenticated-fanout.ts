import { readFileSync } from 'node:fs'
import { get } from 'node:https'
import { join } from 'node:path'
import type { BenchCase, CaseContext } from '../support/bench-case.js'
import { startCommandChild, type CommandChild } from '../support/command-child.js'
import { BENCH_NAMESPACE, configMapsPath } from '../support/configmaps.js'
import { cpuProfileFlags, summarizeCpuProfile } from '../support/cpu-profile.js'
import { measureFanout, writerSource, type EventSource, type FanoutResult } from '../support/fanout-run.js'
import { describeMachineLoad } from '../support/machine-load.js'
import { median } from '../support/percentiles.js'
import type { ResultRow } from '../support/result-row.js'
import { startServer, type RunningServer } from '../support/start-servers.js'
import { makeTempDir } from '../support/temp-dirs.js'
import type { TlsClient, WatchKind } from '../support/watch-stream.js'

// serve-watchplane-secure.ts's token user, in a group bound to `edit` (which may watch ConfigMaps)
const BENCH_TOKEN = 'bench-token'
const WATCHERS = 100
const RATE = 250
const SAMPLE_EVERY = 5
const ROUNDS = 3
const CLIENT_PROCESSES = 2
const WARMUP_MS = 1000
const MEASURE_MS = 3000

/** How one side's watchers prove who they are. */
interface Side {
  label: string
  tls: TlsClient
  headers: Record<string, string>
}

async function currentResourceVersion(url: string, admin: TlsClient): Promise<string> {
  const text = await new Promise<string>((resolve, reject) => {
    get(`${url}${configMapsPath(BENCH_NAMESPACE)}?limit=1`, { ca: admin.caPem, cert: admin.certPem, key: admin.keyPem }, (res) => {
      let body = ''
      res.setEncoding('utf8').on('data', (part: string) => (body += part)).on('end', () => resolve(body))
    }).on('error', reject)
  })
  return (JSON.parse(text) as { metadata: { resourceVersion: string } }).metadata.resourceVersion
}

const cpuPerEventUs = (r: FanoutResult) => (r.serverCores * 1e6) / r.deliveredPerSecond

function describe(label: string, kind: WatchKind, r: FanoutResult): string {
  const lost = r.failedStreams ? `; ${r.failedStreams} streams ended early: ${r.firstError}` : ''
  const writes = r.writer ? `; writes ${r.writer.perSecond.toFixed(0)}/s${r.writer.failed ? `, ${r.writer.failed} failed: ${r.writer.firstFailure}` : ''}` : ''
  return `  ${kind} ${label}: delivered ${r.deliveredPerSecond.toFixed(0)}/s (${((100 * r.deliveredPerSecond) / r.expectedPerSecond).toFixed(0)}%), ` +
    `send→receive p50 ${r.fromSend.p50Ms.toFixed(1)} ms p99 ${r.fromSend.p99Ms.toFixed(1)} ms, server CPU ${cpuPerEventUs(r).toFixed(1)} µs per event${writes}${lost}; ${describeMachineLoad()}`
}

/**
 * Watches under RBAC beside watches that skip it, on one TLS server fed by one writer: a watch is
 * judged when it opens (and again only when RBAC changes), never per event, so the two sides must
 * deliver alike. Both sides are TLS, so the ratio is what authentication and RBAC cost, not TLS.
 */
async function measureSides(ctx: CaseContext, sides: { on: Side; off: Side }, setup: { server: RunningServer; source: EventSource; clients: CommandChild[]; admin: TlsClient }) {
  const results = new Map<string, FanoutResult[]>()
  for (const kind of ['chunked', 'ws'] as const) {
    for (let round = 0; round < ROUNDS; round++) {
      // the side that goes first alternates, so neither always follows the other
      for (const side of round % 2 === 0 ? [sides.on, sides.off] : [sides.off, sides.on]) {
        const path = `${configMapsPath(BENCH_NAMESPACE)}?watch=1&resourceVersion=${await currentResourceVersion(setup.server.url, setup.admin)}`
        const result = await measureFanout({
          target: { url: setup.server.url, kind, path, tls: side.tls, headers: side.headers }, watchers: WATCHERS, rate: RATE,
          sampleEvery: SAMPLE_EVERY, source: setup.source, serverPid: setup.server.child.pid, clients: setup.clients, warmupMs: WARMUP_MS, measureMs: MEASURE_MS,
        })
        if (result.failedStreams > 0) throw new Error(`${side.label}: ${result.failedStreams} watches failed: ${result.firstError}`)
        ctx.log(`  round ${round + 1}${describe(side.label, kind, result).slice(1)}`)
        const key = `${kind} ${side.label}`
        results.set(key, [...(results.get(key) ?? []), result])
      }
    }
  }
  return results
}

function rows(kind: WatchKind, on: FanoutResult[], off: FanoutResult[]): ResultRow[] {
  const name = `fan-out ${WATCHERS}×${RATE}/s ${kind === 'ws' ? 'WebSocket' : 'chunked'}, TLS + token + RBAC`
  const referenceLabel = 'TLS, admin certificate (no RBAC rule read)'
  const typical = (results: FanoutResult[], pick: (r: FanoutResult) => number) => median(results.map(pick))
  return [
    { case: `${name}: delivered (median of ${ROUNDS} rounds)`, unit: '/s', ours: typical(on, (r) => r.deliveredPerSecond), reference: typical(off, (r) => r.deliveredPerSecond), referenceLabel, goal: { type: 'ratio-at-least', ratio: 0.9 } },
    { case: `${name}: server CPU per event`, unit: 'µs', ours: typical(on, cpuPerEventUs), reference: typical(off, cpuPerEventUs), referenceLabel },
    { case: `${name}: send→receive p99`, unit: 'ms', ours: typical(on, (r) => r.fromSend.p99Ms), reference: typical(off, (r) => r.fromSend.p99Ms), referenceLabel },
  ]
}

export const authenticatedFanout: BenchCase = {
  name: 'watch fan-out with authentication and RBAC on, beside off',
  async run(ctx) {
    const dataDir = makeTempDir('auth-fanout')
    const replyDir = makeTempDir('auth-fanout-replies')
    const server = await startServer('serve-watchplane-secure.ts', [dataDir], cpuProfileFlags(ctx))
    const children: CommandChild[] = []
    try {
      const read = (file: string) => readFileSync(join(dataDir, file), 'utf8')
      const admin: TlsClient = { caPem: read('bench-ca.pem'), certPem: read('bench-admin.pem'), keyPem: read('bench-admin-key.pem') }
      const clients = Array.from({ length: CLIENT_PROCESSES }, () => startCommandChild('watch-clients.ts', replyDir))
      const writer = startCommandChild('paced-writer.ts', replyDir)
      children.push(...clients, writer)
      await Promise.all([...clients, writer].map((c) => c.child.waitFor(/READY/)))
      const source = writerSource(writer, { kind: 'watchplane', url: server.url, connections: 8, tls: admin })
      const on: Side = { label: 'token + RBAC edit (on)', tls: { caPem: admin.caPem }, headers: { authorization: `Bearer ${BENCH_TOKEN}` } }
      const off: Side = { label: 'admin certificate (off)', tls: admin, headers: {} }
      ctx.log(`  ${WATCHERS} watchers over TLS per side, ${CLIENT_PROCESSES} client processes, ${RATE} writes/s by the admin over 8 TLS connections; sides alternate, ${ROUNDS} rounds each`)
      const results = await measureSides(ctx, { on, off }, { server, source, clients, admin })
      return (['chunked', 'ws'] as const).flatMap((kind) => rows(kind, results.get(`${kind} ${on.label}`)!, results.get(`${kind} ${off.label}`)!))
    } finally {
      for (const child of children) await child.child.stop()
      await server.child.stop()
      if (ctx.cpuProfileDir) ctx.log(summarizeCpuProfile(ctx.cpuProfileDir, 10))
    }
  },
}

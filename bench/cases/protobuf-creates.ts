import type { BenchCase, CaseContext } from '../support/bench-case.js'
import { runLoad, type BenchRequest, type LoadResult } from '../support/load-generator.js'
import { configMapProtobuf, deploymentProtobuf, jsonTwin } from '../support/protobuf-bodies.js'
import type { ResultRow } from '../support/result-row.js'
import { startServer, type RunningServer } from '../support/start-servers.js'
import { makeTempDir } from '../support/temp-dirs.js'

const CONCURRENCY = 64
const ROUNDS = 3
const WARMUP_MS = 500
const MEASURE_MS = 3000
const PROTOBUF = 'application/vnd.kubernetes.protobuf'
// What kubectl's typed clients send beside a protobuf body.
const TYPED_ACCEPT = 'application/vnd.kubernetes.protobuf,application/json'

interface Series {
  label: string
  request(name: string): BenchRequest
  best?: LoadResult
}

interface Kind {
  plural: string
  path: string
  protobufOf(name: string): Buffer
  jsonOf(name: string): string
}

const kinds: Kind[] = [
  { plural: 'Deployments', path: '/apis/apps/v1/namespaces/default/deployments', protobufOf: deploymentProtobuf,
    jsonOf: jsonTwin(deploymentProtobuf, { group: 'apps', version: 'v1', kind: 'Deployment' }) },
  { plural: 'ConfigMaps', path: '/api/v1/namespaces/default/configmaps', protobufOf: configMapProtobuf,
    jsonOf: jsonTwin(configMapProtobuf, { group: '', version: 'v1', kind: 'ConfigMap' }) },
]

const seriesOf = (kind: Kind): Series[] => [
  { label: `${kind.plural} JSON`, request: (name) => ({ method: 'POST', path: kind.path, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: kind.jsonOf(name) }) },
  { label: `${kind.plural} protobuf`, request: (name) => ({ method: 'POST', path: kind.path, headers: { 'content-type': PROTOBUF, accept: TYPED_ACCEPT }, body: kind.protobufOf(name) }) },
]

/** Rounds interleave the series on one server, so a noisy neighbour hurts all of them alike; each keeps its best round. */
async function measure(ctx: CaseContext, server: RunningServer, series: Series[]): Promise<void> {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [s, one] of series.entries()) {
      const result = await runLoad({ url: server.url, serverPid: server.child.pid, concurrency: CONCURRENCY, warmupMs: WARMUP_MS, durationMs: MEASURE_MS, next: (i) => one.request(`s${s}-r${round}-${i}`) })
      const failures = result.failed ? `, ${result.failed} failed (${result.firstFailure})` : ''
      ctx.log(`  round ${round + 1} ${one.label}: ${result.perSecond.toFixed(0)}/s p50 ${result.p50Ms.toFixed(1)} ms p99 ${result.p99Ms.toFixed(1)} ms, server CPU ${(result.serverCpuPerRequestUs ?? NaN).toFixed(0)} µs per create${failures}`)
      if (!one.best || result.perSecond > one.best.perSecond) one.best = result
    }
  }
}

export const protobufCreates: BenchCase = {
  name: 'creates with protobuf bodies beside JSON bodies',
  async run(ctx) {
    const server = await startServer('serve-watchplane.ts', [makeTempDir('protobuf-creates')])
    try {
      const rows: ResultRow[] = []
      for (const kind of kinds) {
        const [json, protobuf] = seriesOf(kind)
        await measure(ctx, server, [json!, protobuf!])
        rows.push({
          case: `creates/s with protobuf bodies (${kind.plural}, 64 clients)`, unit: '/s', ours: protobuf!.best!.perSecond,
          reference: json!.best!.perSecond, referenceLabel: 'the same objects as JSON', goal: { type: 'ratio-at-least', ratio: 0.9 },
        }, {
          case: `server CPU per create with protobuf bodies (${kind.plural})`, unit: 'µs', ours: protobuf!.best!.serverCpuPerRequestUs ?? NaN,
          reference: json!.best!.serverCpuPerRequestUs, referenceLabel: 'the same objects as JSON',
        })
      }
      return rows
    } finally {
      await server.child.stop()
    }
  },
}

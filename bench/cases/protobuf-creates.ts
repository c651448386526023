import type { BenchCase } from '../support/bench-case.js'
import { cpuProfileFlags, summarizeCpuProfile } from '../support/cpu-profile.js'
import { measureInterleaved, type RoundSeries } from '../support/interleaved-rounds.js'
import { configMapProtobuf, deploymentProtobuf, jsonTwin } from '../support/protobuf-bodies.js'
import type { ResultRow } from '../support/result-row.js'
import { startServer, type RunningServer } from '../support/start-servers.js'
import { makeTempDir } from '../support/temp-dirs.js'

const PROTOBUF = 'application/vnd.kubernetes.protobuf'
// What kubectl's typed clients send beside a protobuf body.
const TYPED_ACCEPT = 'application/vnd.kubernetes.protobuf,application/json'

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

// Rounds on a fresh server got faster one after another (Deployments: 315 -> 212 µs of server CPU
// per create over three rounds), so the best of three went to whichever series ran last: the ratio
// read 0.75x-1.07x of the same code. Each series is first sent requests unmeasured.
const SERVER_WARMUP_MS = 3000

const seriesOf = (kind: Kind, server: RunningServer): RoundSeries[] => [
  { label: `${kind.plural} JSON`, server, request: (name) => ({ method: 'POST', path: kind.path, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: kind.jsonOf(name) }) },
  { label: `${kind.plural} protobuf`, server, request: (name) => ({ method: 'POST', path: kind.path, headers: { 'content-type': PROTOBUF, accept: TYPED_ACCEPT }, body: kind.protobufOf(name) }) },
]

export const protobufCreates: BenchCase = {
  name: 'creates with protobuf bodies beside JSON bodies',
  async run(ctx) {
    const server = await startServer('serve-watchplane.ts', [makeTempDir('protobuf-creates')], cpuProfileFlags(ctx))
    try {
      const rows: ResultRow[] = []
      for (const kind of kinds) {
        const [json, protobuf] = seriesOf(kind, server)
        await measureInterleaved(ctx, [json!, protobuf!], { serverWarmupMs: SERVER_WARMUP_MS })
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
      if (ctx.cpuProfileDir) ctx.log(summarizeCpuProfile(ctx.cpuProfileDir, 10))
    }
  },
}

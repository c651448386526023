import type { BenchCase, CaseContext } from '../support/bench-case.js'
import { runLoad, type BenchRequest, type LoadResult } from '../support/load-generator.js'
import type { ResultRow } from '../support/result-row.js'
import { startServer } from '../support/start-servers.js'
import { makeTempDir } from '../support/temp-dirs.js'

const CONCURRENCY = 64
const ROUNDS = 3
const WARMUP_MS = 500
const MEASURE_MS = 3000
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' }

// A CronTab-like kind: a structural schema with a default, bounds and a CEL rule (issue #8's bench).
const CRD = {
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'crontabs.bench.example.com' },
  spec: {
    group: 'bench.example.com', scope: 'Namespaced', names: { plural: 'crontabs', kind: 'CronTab' },
    versions: [{
      name: 'v1', served: true, storage: true,
      schema: { openAPIV3Schema: { type: 'object', properties: { spec: {
        type: 'object', required: ['image'],
        'x-kubernetes-validations': [{ rule: 'self.replicas <= 10', message: 'at most 10 replicas' }],
        properties: { cronSpec: { type: 'string' }, image: { type: 'string' }, replicas: { type: 'integer', minimum: 0, default: 1 } },
      } } } },
    }],
  },
}

interface Series {
  label: string
  request(name: string): BenchRequest
  best?: LoadResult
}

const series: Series[] = [
  { label: 'ConfigMaps', request: (name) => ({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', headers: JSON_HEADERS,
    body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { schedule: '*/5 * * * *', image: 'busybox' } }) }) },
  { label: 'CronTabs', request: (name) => ({ method: 'POST', path: '/apis/bench.example.com/v1/namespaces/default/crontabs', headers: JSON_HEADERS,
    body: JSON.stringify({ apiVersion: 'bench.example.com/v1', kind: 'CronTab', metadata: { name }, spec: { cronSpec: '*/5 * * * *', image: 'busybox' } }) }) },
]

/** Rounds interleave the two kinds on one server; each keeps its best round. */
async function measure(ctx: CaseContext, url: string): Promise<void> {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [s, one] of series.entries()) {
      const result = await runLoad({ url, concurrency: CONCURRENCY, warmupMs: WARMUP_MS, durationMs: MEASURE_MS, next: (i) => one.request(`s${s}-r${round}-${i}`) })
      const failures = result.failed ? `, ${result.failed} failed (${result.firstFailure})` : ''
      ctx.log(`  round ${round + 1} ${one.label}: ${result.perSecond.toFixed(0)}/s p50 ${result.p50Ms.toFixed(1)} ms p99 ${result.p99Ms.toFixed(1)} ms${failures}`)
      if (!one.best || result.perSecond > one.best.perSecond) one.best = result
    }
  }
}

export const customResourceCreates: BenchCase = {
  name: 'custom resource creates beside ConfigMap creates',
  async run(ctx) {
    const server = await startServer('serve-watchplane.ts', [makeTempDir('custom-resource-creates')])
    try {
      const created = await fetch(`${server.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(CRD) })
      if (created.status !== 201) throw new Error(`the CRD was refused: ${created.status} ${await created.text()}`)
      await measure(ctx, server.url)
      const [configMaps, cronTabs] = series
      return [{
        case: 'creates/s of a custom resource with a schema, a default and a CEL rule (64 clients)', unit: '/s', ours: cronTabs!.best!.perSecond,
        reference: configMaps!.best!.perSecond, referenceLabel: 'ConfigMap creates', goal: { type: 'ratio-at-least', ratio: 0.7 },
      }] satisfies ResultRow[]
    } finally {
      await server.child.stop()
    }
  },
}

import type { BenchCase } from '../support/bench-case.js'
import { measureInterleaved, type RoundSeries } from '../support/interleaved-rounds.js'
import type { ResultRow } from '../support/result-row.js'
import { startServer, type RunningServer } from '../support/start-servers.js'
import { makeTempDir } from '../support/temp-dirs.js'

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

const seriesOn = (server: RunningServer): RoundSeries[] => [
  { label: 'ConfigMaps', server, request: (name) => ({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', headers: JSON_HEADERS,
    body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { schedule: '*/5 * * * *', image: 'busybox' } }) }) },
  { label: 'CronTabs', server, request: (name) => ({ method: 'POST', path: '/apis/bench.example.com/v1/namespaces/default/crontabs', headers: JSON_HEADERS,
    body: JSON.stringify({ apiVersion: 'bench.example.com/v1', kind: 'CronTab', metadata: { name }, spec: { cronSpec: '*/5 * * * *', image: 'busybox' } }) }) },
]

export const customResourceCreates: BenchCase = {
  name: 'custom resource creates beside ConfigMap creates',
  async run(ctx) {
    const server = await startServer('serve-watchplane.ts', [makeTempDir('custom-resource-creates')])
    try {
      const created = await fetch(`${server.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(CRD) })
      if (created.status !== 201) throw new Error(`the CRD was refused: ${created.status} ${await created.text()}`)
      const series = seriesOn(server)
      await measureInterleaved(ctx, series)
      const [configMaps, cronTabs] = series
      return [{
        case: 'creates/s of a custom resource with a schema, a default and a CEL rule (64 clients)', unit: '/s', ours: cronTabs!.best!.perSecond,
        reference: configMaps!.best!.perSecond, referenceLabel: 'ConfigMap creates', goal: { type: 'ratio-at-least', ratio: 0.7 },
      }, {
        case: 'server CPU per custom resource create', unit: 'µs', ours: cronTabs!.best!.serverCpuPerRequestUs ?? NaN,
        reference: configMaps!.best!.serverCpuPerRequestUs, referenceLabel: 'per ConfigMap create',
      }] satisfies ResultRow[]
    } finally {
      await server.child.stop()
    }
  },
}

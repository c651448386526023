import type { BenchCase, CaseContext } from '../support/bench-case.js'
import { runLoad, send, type BenchRequest, type LoadResult } from '../support/load-generator.js'
import type { ResultRow } from '../support/result-row.js'
import { startServer } from '../support/start-servers.js'
import { makeTempDir } from '../support/temp-dirs.js'
import { Agent } from 'node:http'

const CONCURRENCY = 16
const ROUNDS = 3
const WARMUP_MS = 500
const MEASURE_MS = 3000
const PATH = '/apis/apps/v1/namespaces/default/deployments'

/** The Deployment both patch kinds write: three containers with env and ports, a kubectl-sized manifest. */
function deployment(name: string, image: string): Record<string, unknown> {
  const container = (n: string) => ({
    name: n,
    image: n === 'web' ? image : `busybox:1.36`,
    env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
    ports: [{ containerPort: 8080 }],
  })
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: ['web', 'side', 'log'].map(container) } },
    },
  }
}

/** Each request flips the web container's image, so every write changes the object. */
const imageOf = (i: number) => (i % 2 === 0 ? 'nginx:1.27' : 'nginx:1.28')

const strategicMergePatch = (i: number): BenchRequest => ({
  method: 'PATCH',
  path: `${PATH}/smp?fieldManager=bench`,
  headers: { 'content-type': 'application/strategic-merge-patch+json', accept: 'application/json' },
  body: JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'web', image: imageOf(i) }] } } } }),
})

/** What `kubectl apply --server-side` sends: the whole manifest, as JSON. */
const applyPatch = (i: number): BenchRequest => ({
  method: 'PATCH',
  path: `${PATH}/ssa?fieldManager=bench&force=true`,
  headers: { 'content-type': 'application/apply-patch+yaml', accept: 'application/json' },
  body: JSON.stringify(deployment('ssa', imageOf(i))),
})

async function createTargets(url: string): Promise<void> {
  const agent = new Agent({ keepAlive: true })
  for (const name of ['smp', 'ssa']) {
    const created = await send(url, agent, { method: 'POST', path: PATH, headers: { 'content-type': 'application/json' }, body: JSON.stringify(deployment(name, imageOf(0))) })
    if (created.status !== 201) throw new Error(`creating ${name}: HTTP ${created.status} ${created.body.slice(0, 200)}`)
  }
  agent.destroy()
}

async function measure(ctx: CaseContext, url: string): Promise<{ smp: LoadResult; ssa: LoadResult }> {
  const best: { smp?: LoadResult; ssa?: LoadResult } = {}
  for (let round = 0; round < ROUNDS; round++) {
    for (const [label, next] of [['smp', strategicMergePatch], ['ssa', applyPatch]] as const) {
      const result = await runLoad({ url, concurrency: CONCURRENCY, warmupMs: WARMUP_MS, durationMs: MEASURE_MS, next })
      const failures = result.failed ? `, ${result.failed} failed (${result.firstFailure})` : ''
      ctx.log(`  round ${round + 1} ${label}: ${result.perSecond.toFixed(0)}/s p50 ${result.p50Ms.toFixed(1)} ms p99 ${result.p99Ms.toFixed(1)} ms${failures}`)
      if (!best[label] || result.perSecond > best[label].perSecond) best[label] = result
    }
  }
  return { smp: best.smp!, ssa: best.ssa! }
}

/**
 * Server-side apply patches/s beside strategic merge patches/s, each on its own copy of one
 * Deployment, interleaved round by round (issue 8 asks for at least half the rate).
 */
export const patchThroughput: BenchCase = {
  name: 'patches over HTTP: server-side apply vs strategic merge',
  async run(ctx) {
    const server = await startServer('serve-watchplane.ts', [makeTempDir('patches')])
    try {
      await createTargets(server.url)
      const { smp, ssa } = await measure(ctx, server.url)
      const rows: ResultRow[] = [
        {
          case: `apply patches/s (${CONCURRENCY} clients, one Deployment)`, unit: '/s', ours: ssa.perSecond,
          reference: smp.perSecond, referenceLabel: 'strategic merge patches/s', goal: { type: 'ratio-at-least', ratio: 0.5 },
        },
        { case: 'apply patch p50 latency', unit: 'ms', ours: ssa.p50Ms, reference: smp.p50Ms, referenceLabel: 'strategic merge patch' },
      ]
      return rows
    } finally {
      await server.child.stop()
    }
  },
}

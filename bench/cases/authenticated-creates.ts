import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchCase, CaseContext } from '../support/bench-case.js'
import { runLoad, type LoadResult } from '../support/load-generator.js'
import { podBody } from '../support/pods.js'
import type { ResultRow } from '../support/result-row.js'
import { startServer, type RunningServer } from '../support/start-servers.js'
import { makeTempDir } from '../support/temp-dirs.js'

const CONCURRENCY = 64
const ROUNDS = 3
const WARMUP_MS = 500
const MEASURE_MS = 3000
// serve-watchplane-secure.ts's token user, in a group bound to `edit`
const BENCH_TOKEN = 'bench-token'
const PODS = '/api/v1/namespaces/default/pods'

interface Setup {
  label: string
  server: RunningServer
  headers: Record<string, string>
  caPem?: string
  best?: LoadResult
}

/** Rounds alternate the servers, so a noisy neighbour hurts both alike; each keeps its best round. */
async function measure(ctx: CaseContext, setups: Setup[]): Promise<void> {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [s, setup] of setups.entries()) {
      const result = await runLoad({
        url: setup.server.url, serverPid: setup.server.child.pid, concurrency: CONCURRENCY, warmupMs: WARMUP_MS, durationMs: MEASURE_MS,
        ...(setup.caPem ? { caPem: setup.caPem } : {}),
        next: (i) => ({ method: 'POST', path: PODS, headers: { 'content-type': 'application/json', ...setup.headers }, body: podBody(`a${s}-r${round}-${i}`) }),
      })
      const failures = result.failed ? `, ${result.failed} failed (${result.firstFailure})` : ''
      ctx.log(`  round ${round + 1} ${setup.label}: ${result.perSecond.toFixed(0)}/s p99 ${result.p99Ms.toFixed(1)} ms, server CPU ${(result.serverCpuPerRequestUs ?? NaN).toFixed(0)} µs per create${failures}`)
      if (!setup.best || result.perSecond > setup.best.perSecond) setup.best = result
    }
  }
}

export const authenticatedCreates: BenchCase = {
  name: 'creates with authentication and RBAC on, beside off',
  async run(ctx) {
    const secureDir = makeTempDir('auth-on')
    const off: Setup = { label: 'plain HTTP, anonymous admin (off)', server: await startServer('serve-watchplane.ts', [makeTempDir('auth-off')]), headers: {} }
    const on: Setup = {
      label: 'TLS, bearer token, RBAC edit (on)', server: await startServer('serve-watchplane-secure.ts', [secureDir]),
      headers: { authorization: `Bearer ${BENCH_TOKEN}` }, caPem: readFileSync(join(secureDir, 'bench-ca.pem'), 'utf8'),
    }
    try {
      await measure(ctx, [off, on])
      const rows: ResultRow[] = [
        { case: 'Pod creates/s, 64 clients: TLS + token + RBAC', unit: '/s', ours: on.best!.perSecond, reference: off.best!.perSecond, referenceLabel: 'plain HTTP, no authentication', goal: { type: 'ratio-at-least', ratio: 0.9 } },
        { case: 'server CPU per create: TLS + token + RBAC', unit: 'µs', ours: on.best!.serverCpuPerRequestUs ?? NaN, reference: off.best!.serverCpuPerRequestUs ?? NaN, referenceLabel: 'plain HTTP, no authentication' },
      ]
      return rows
    } finally {
      await Promise.all([off.server.child.stop(), on.server.child.stop()])
    }
  },
}

import type { CaseContext } from './bench-case.js'
import { runLoad, type BenchRequest, type LoadResult } from './load-generator.js'
import type { RunningServer } from './start-servers.js'

/** One series of requests a case compares: where they go and what each one is. */
export interface RoundSeries {
  label: string
  server: RunningServer
  /** over https: the CA that signed the server's certificate, and a client certificate to present */
  caPem?: string
  clientCertificate?: { certPem: string; keyPem: string }
  request(name: string): BenchRequest
  /** the series' best round, once measured */
  best?: LoadResult
}

const ROUNDS = 3
const CONCURRENCY = 64
const WARMUP_MS = 500
const MEASURE_MS = 3000

/**
 * Closed-loop rounds (64 clients, 3 s each after a warm-up) that alternate the series, so a noisy
 * neighbour hurts all of them alike; each series keeps its best round. Names never repeat.
 */
export async function measureInterleaved(ctx: CaseContext, series: readonly RoundSeries[]): Promise<void> {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [s, one] of series.entries()) {
      const result = await runLoad({
        url: one.server.url, serverPid: one.server.child.pid, concurrency: CONCURRENCY, warmupMs: WARMUP_MS, durationMs: MEASURE_MS,
        ...(one.caPem ? { caPem: one.caPem } : {}),
        ...(one.clientCertificate ? { clientCertificate: one.clientCertificate } : {}),
        next: (i) => one.request(`s${s}-r${round}-${i}`),
      })
      const failures = result.failed ? `, ${result.failed} failed (${result.firstFailure})` : ''
      ctx.log(`  round ${round + 1} ${one.label}: ${result.perSecond.toFixed(0)}/s p50 ${result.p50Ms.toFixed(1)} ms p99 ${result.p99Ms.toFixed(1)} ms, server CPU ${(result.serverCpuPerRequestUs ?? NaN).toFixed(0)} µs per request${failures}`)
      if (!one.best || result.perSecond > one.best.perSecond) one.best = result
    }
  }
}

import type { CaseContext } from './bench-case.js'
import { runLoad, type BenchRequest, type LoadResult } from './load-generator.js'
import { median } from './percentiles.js'
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
  /** every round of the series, in the order run, once measured */
  rounds?: LoadResult[]
}

export interface InterleaveOptions {
  /** rounds of each series (3 unless set) */
  rounds?: number
  /** measured time of each round, after its warm-up (3000 ms unless set) */
  measureMs?: number
  /**
   * before the first round, each series is sent requests this long, unmeasured (none unless set): a
   * fresh server spends its first thousands of requests compiling hot code, on threads its CPU
   * time counts, and early rounds would otherwise weigh that against whichever series they serve
   */
  serverWarmupMs?: number
}

const ROUNDS = 3
const CONCURRENCY = 64
const WARMUP_MS = 500
const MEASURE_MS = 3000

/**
 * Closed-loop rounds (64 clients, each round after the same warm-up) that alternate the series, so
 * a noisy neighbour hurts all of them alike; the series that goes first moves by one each round, so
 * none always follows the same other. Each series keeps every round and its best one. Names never repeat.
 */
export async function measureInterleaved(ctx: CaseContext, series: readonly RoundSeries[], options: InterleaveOptions = {}): Promise<void> {
  const load = (s: number, round: string, durationMs: number) => {
    const one = series[s]!
    return runLoad({
      url: one.server.url, serverPid: one.server.child.pid, concurrency: CONCURRENCY, warmupMs: WARMUP_MS, durationMs,
      ...(one.caPem ? { caPem: one.caPem } : {}),
      ...(one.clientCertificate ? { clientCertificate: one.clientCertificate } : {}),
      next: (i) => one.request(`s${s}-${round}-${i}`),
    })
  }
  if (options.serverWarmupMs) for (const s of series.keys()) await load(s, 'w', options.serverWarmupMs)
  const rounds = options.rounds ?? ROUNDS
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < series.length; k++) {
      const s = (round + k) % series.length
      const one = series[s]!
      const result = await load(s, `r${round}`, options.measureMs ?? MEASURE_MS)
      const failures = result.failed ? `, ${result.failed} failed (${result.firstFailure})` : ''
      ctx.log(`  round ${round + 1} ${one.label}: ${result.perSecond.toFixed(0)}/s p50 ${result.p50Ms.toFixed(1)} ms p99 ${result.p99Ms.toFixed(1)} ms, server CPU ${(result.serverCpuPerRequestUs ?? NaN).toFixed(0)} µs per request, load generator ${result.generatorCores.toFixed(2)} cores${failures}`)
      ;(one.rounds ??= []).push(result)
      if (!one.best || result.perSecond > one.best.perSecond) one.best = result
    }
  }
}

/** A series' typical round: the median of its rounds' throughput, and of their server CPU per request. */
export function typicalRound(series: RoundSeries): { perSecond: number; serverCpuPerRequestUs: number } {
  const rounds = series.rounds ?? []
  return { perSecond: median(rounds.map((r) => r.perSecond)), serverCpuPerRequestUs: median(rounds.map((r) => r.serverCpuPerRequestUs ?? NaN)) }
}

/**
 * `ours`' throughput over `reference`'s, round by round: each pair ran seconds apart, so a load
 * that drifts over the case shifts both alike. The spread says how far one run's ratio can be trusted.
 */
export function pairedRatios(ours: RoundSeries, reference: RoundSeries): { median: number; min: number; max: number } {
  const ratios = (ours.rounds ?? []).map((r, i) => r.perSecond / (reference.rounds?.[i]?.perSecond ?? NaN))
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) }
}

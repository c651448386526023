import { readFileSync } from 'node:fs'
import { Agent as HttpsAgent } from 'node:https'
import { join } from 'node:path'
import type { BenchCase } from '../support/bench-case.js'
import { cpuProfileFlags, summarizeCpuProfile } from '../support/cpu-profile.js'
import { measureInterleaved, pairedRatios, typicalRound, type RoundSeries } from '../support/interleaved-rounds.js'
import { send } from '../support/load-generator.js'
import { podBody } from '../support/pods.js'
import type { ResultRow } from '../support/result-row.js'
import { startServer } from '../support/start-servers.js'
import { makeTempDir } from '../support/temp-dirs.js'

// serve-watchplane-secure.ts's token user, in a group bound to `edit`
const BENCH_TOKEN = 'bench-token'
const PODS = '/api/v1/namespaces/default/pods'

const createPod = (headers: Record<string, string>) => (name: string) =>
  ({ method: 'POST', path: PODS, headers: { 'content-type': 'application/json', ...headers }, body: podBody(name) })

// Many short rounds rather than a few long ones: on a shared machine the load drifts by the
// second, and the median of seven paired rounds moves less than the best of three. Each fresh
// server is first warmed up unmeasured, so no round pays for another series' JIT.
const ROUNDS = 7
const MEASURE_MS = 2000
const SERVER_WARMUP_MS = 3000

export const authenticatedCreates: BenchCase = {
  name: 'creates with authentication and RBAC on, beside off',
  async run(ctx) {
    const secureDir = makeTempDir('auth-on')
    // TLS alone gets a server of its own, as each side does: no series pays for another's
    // leftovers (garbage, a checkpoint) or writes into a log the others made twice as long.
    const tlsDir = makeTempDir('auth-tls')
    const [offServer, onServer, tlsServer] = await Promise.all([
      startServer('serve-watchplane.ts', [makeTempDir('auth-off')]),
      startServer('serve-watchplane-secure.ts', [secureDir], cpuProfileFlags(ctx)),
      startServer('serve-watchplane-secure.ts', [tlsDir]),
    ])
    const off: RoundSeries = { label: 'plain HTTP, anonymous admin (off)', server: offServer, request: createPod({}) }
    const on: RoundSeries = {
      label: 'TLS, bearer token, RBAC edit (on)', server: onServer,
      request: createPod({ authorization: `Bearer ${BENCH_TOKEN}` }), caPem: readFileSync(join(secureDir, 'bench-ca.pem'), 'utf8'),
    }
    const read = (file: string) => readFileSync(join(tlsDir, file), 'utf8')
    // A TLS server as its admin: system:masters skips RBAC, so this row is TLS alone.
    const tlsOnly: RoundSeries = {
      label: 'TLS, admin certificate (TLS only)', server: tlsServer, request: createPod({}), caPem: read('bench-ca.pem'),
      clientCertificate: { certPem: read('bench-admin.pem'), keyPem: read('bench-admin-key.pem') },
    }
    try {
      await assertJudged(on)
      await measureInterleaved(ctx, [off, on, tlsOnly], { rounds: ROUNDS, measureMs: MEASURE_MS, serverWarmupMs: SERVER_WARMUP_MS })
      for (const [ours, reference] of [[on, off], [on, tlsOnly], [tlsOnly, off]] as const) {
        const paired = pairedRatios(ours, reference)
        ctx.log(`  ${ours.label} / ${reference.label}, round by round: median ${paired.median.toFixed(2)}×, from ${paired.min.toFixed(2)}× to ${paired.max.toFixed(2)}×`)
      }
      return rows(typicalRound(off), typicalRound(on), typicalRound(tlsOnly), pairedRatios(on, off))
    } finally {
      await Promise.all([offServer.child.stop(), onServer.child.stop(), tlsServer.child.stop()])
      if (ctx.cpuProfileDir) ctx.log(summarizeCpuProfile(ctx.cpuProfileDir, 10))
    }
  },
}

/**
 * The `on` side must really authenticate its token and judge it by RBAC: a wrong token is a 401,
 * and what `edit` does not grant (nodes, cluster-wide) a 403, before a single round is measured.
 */
async function assertJudged(on: RoundSeries): Promise<void> {
  const agent = new HttpsAgent({ ca: on.caPem! })
  try {
    const wrong = await send(on.server.url, agent, { ...on.request('judged-wrong-token'), headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' } })
    const nodes = await send(on.server.url, agent, { method: 'GET', path: '/api/v1/nodes', headers: { authorization: `Bearer ${BENCH_TOKEN}` } })
    if (wrong.status !== 401 || nodes.status !== 403) throw new Error(`the token side is not judged: a wrong token got ${wrong.status}, listing nodes ${nodes.status}`)
  } finally {
    agent.destroy()
  }
}

type Typical = ReturnType<typeof typicalRound>

/** Every row from each series' typical round (the medians of its rounds), never one lucky round against another. */
function rows(off: Typical, on: Typical, tlsOnly: Typical, paired: ReturnType<typeof pairedRatios>): ResultRow[] {
  const plain = 'plain HTTP, no authentication'
  const median = `median of ${ROUNDS} rounds`
  // the spread of the paired rounds says how much one run's ratio is worth on this machine today
  const spread = `rounds paired ${paired.min.toFixed(2)}–${paired.max.toFixed(2)}×, median ${paired.median.toFixed(2)}×`
  return [
    { case: `Pod creates/s, 64 clients: TLS + token + RBAC (${median}; ${spread})`, unit: '/s', ours: on.perSecond, reference: off.perSecond, referenceLabel: plain, goal: { type: 'ratio-at-least', ratio: 0.9 } },
    { case: 'server CPU per create: TLS + token + RBAC', unit: 'µs', ours: on.serverCpuPerRequestUs, reference: off.serverCpuPerRequestUs, referenceLabel: plain },
    { case: 'server CPU per create: TLS alone (admin certificate)', unit: 'µs', ours: tlsOnly.serverCpuPerRequestUs, reference: off.serverCpuPerRequestUs, referenceLabel: plain },
    { case: 'server CPU per create: TLS + token + RBAC', unit: 'µs', ours: on.serverCpuPerRequestUs, reference: tlsOnly.serverCpuPerRequestUs, referenceLabel: 'TLS alone (admin certificate)' },
    { case: `Pod creates/s, 64 clients: TLS + token + RBAC (${median})`, unit: '/s', ours: on.perSecond, reference: tlsOnly.perSecond, referenceLabel: 'TLS alone (admin certificate)' },
    { case: `Pod creates/s, 64 clients: TLS alone, admin certificate (${median})`, unit: '/s', ours: tlsOnly.perSecond, reference: off.perSecond, referenceLabel: plain },
  ]
}

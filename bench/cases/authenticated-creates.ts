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
    // On and off share one TLS server and differ only in the credential they show, so no JIT luck
    // or checkpoint of a second server leans on the ratio; plain HTTP has a server of its own.
    const [plainServer, secureServer] = await Promise.all([
      startServer('serve-watchplane.ts', [makeTempDir('auth-plain')]),
      startServer('serve-watchplane-secure.ts', [secureDir], cpuProfileFlags(ctx)),
    ])
    const read = (file: string) => readFileSync(join(secureDir, file), 'utf8')
    const plain: RoundSeries = { label: 'plain HTTP, anonymous admin (no TLS)', server: plainServer, request: createPod({}) }
    const on: RoundSeries = {
      label: 'TLS, bearer token, RBAC edit (on)', server: secureServer,
      request: createPod({ authorization: `Bearer ${BENCH_TOKEN}` }), caPem: read('bench-ca.pem'),
    }
    // Off: the server's admin. system:masters is allowed before any RBAC rule is read, the door's
    // work for plain HTTP's anonymous admin too, so on/off is what the token and RBAC cost, and off/plain what TLS does.
    const off: RoundSeries = {
      label: 'TLS, admin certificate (off: no RBAC rule read)', server: secureServer, request: createPod({}), caPem: read('bench-ca.pem'),
      clientCertificate: { certPem: read('bench-admin.pem'), keyPem: read('bench-admin-key.pem') },
    }
    try {
      await assertJudged(on)
      await measureInterleaved(ctx, [plain, on, off], { rounds: ROUNDS, measureMs: MEASURE_MS, serverWarmupMs: SERVER_WARMUP_MS })
      for (const [ours, reference] of [[on, off], [off, plain], [on, plain]] as const) {
        const paired = pairedRatios(ours, reference)
        ctx.log(`  ${ours.label} / ${reference.label}, round by round: median ${paired.median.toFixed(2)}×, from ${paired.min.toFixed(2)}× to ${paired.max.toFixed(2)}×`)
      }
      return rows(typicalRound(plain), typicalRound(on), typicalRound(off), pairedRatios(on, off))
    } finally {
      await Promise.all([plainServer.child.stop(), secureServer.child.stop()])
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

/**
 * Every row from each series' typical round (the medians of its rounds), never one lucky round against another.
 * The goal compares authentication and RBAC on with them off over the same transport: TLS is the
 * default (issue 9 item 2) and its own cost, which no authorization cache can touch, has rows of its own.
 */
function rows(plain: Typical, on: Typical, off: Typical, paired: ReturnType<typeof pairedRatios>): ResultRow[] {
  const noTls = 'plain HTTP, no authentication'
  const tlsAlone = 'TLS, admin certificate: no RBAC rule read'
  const median = `median of ${ROUNDS} rounds`
  // the spread of the paired rounds says how much one run's ratio is worth on this machine today
  const spread = `rounds paired ${paired.min.toFixed(2)}–${paired.max.toFixed(2)}×, median ${paired.median.toFixed(2)}×`
  return [
    { case: `Pod creates/s, 64 clients: TLS + token + RBAC (${median}; ${spread})`, unit: '/s', ours: on.perSecond, reference: off.perSecond, referenceLabel: tlsAlone, goal: { type: 'ratio-at-least', ratio: 0.9 } },
    { case: 'server CPU per create: TLS + token + RBAC', unit: 'µs', ours: on.serverCpuPerRequestUs, reference: off.serverCpuPerRequestUs, referenceLabel: tlsAlone },
    { case: `Pod creates/s, 64 clients: TLS alone, admin certificate (${median})`, unit: '/s', ours: off.perSecond, reference: plain.perSecond, referenceLabel: noTls },
    { case: 'server CPU per create: TLS alone (admin certificate)', unit: 'µs', ours: off.serverCpuPerRequestUs, reference: plain.serverCpuPerRequestUs, referenceLabel: noTls },
    { case: `Pod creates/s, 64 clients: TLS + token + RBAC (${median})`, unit: '/s', ours: on.perSecond, reference: plain.perSecond, referenceLabel: noTls },
  ]
}

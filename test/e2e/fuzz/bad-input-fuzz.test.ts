import assert from 'node:assert/strict'
import { test } from 'node:test'
import { namespaceSettled, request } from '../../support/start-server.js'
import { describeCase, type FuzzCase, type Verdict } from './fuzz-case.js'
import { FUZZ_NAMESPACE, targetObjects } from './fuzz-objects.js'
import { jsonBodyCase, protobufCase, yamlCase } from './gen-bodies.js'
import { patchCase } from './gen-patches.js'
import { headerCase, queryCase } from './gen-queries.js'
import { rawCase, type RawLimits } from './gen-raw.js'
import { escapeCase, pathCase, writePathCase } from './gen-requests.js'
import { websocketCase } from './gen-websocket.js'
import { startFuzzServer } from './fuzz-server.js'
import { changesOutsideFuzzNamespace, objectsOutsideFuzzNamespace } from './outside-fuzz-namespace.js'
import { prngFor, type Prng } from './prng.js'
import { regressionCases } from './regression-cases.js'
import { runCase } from './run-case.js'

// A seeded generator of malformed requests against a running server. The default seed is fixed, so
// `npm test` is repeatable; WATCHPLANE_FUZZ_SEED explores others, WATCHPLANE_FUZZ_CASE replays one case.
const SEED = Number(process.env.WATCHPLANE_FUZZ_SEED ?? 20261207)
const ONLY_CASE = process.env.WATCHPLANE_FUZZ_CASE === undefined ? undefined : Number(process.env.WATCHPLANE_FUZZ_CASE)
const CASE_COUNT = Number(process.env.WATCHPLANE_FUZZ_CASES ?? 10_500)
const WARM_UP_CASES = 400
const CONCURRENCY = 24
const LIMITS: RawLimits = { maxBodyBytes: 256 * 1024, requestReadTimeoutMs: 1500 }
/** How much more the server may keep after the run than before it, once garbage is collected. */
const HEAP_GROWTH_BOUND_BYTES = 32 * 1024 * 1024
const RSS_GROWTH_BOUND_BYTES = 160 * 1024 * 1024

// Share of cases per family, in thousandths.
const FAMILIES: Array<[number, (rng: Prng) => FuzzCase]> = [
  [110, pathCase], [50, writePathCase], [30, escapeCase], [140, queryCase], [90, headerCase], [210, jsonBodyCase],
  [50, yamlCase], [70, protobufCase], [120, patchCase], [90, (rng) => rawCase(rng, LIMITS)], [40, websocketCase],
]

function generate(index: number): FuzzCase {
  const rng = prngFor(SEED, index)
  let roll = rng.int(1000)
  for (const [share, make] of FAMILIES) {
    if (roll < share) return make(rng)
    roll -= share
  }
  throw new Error('the family shares must add up to 1000')
}

interface Finding {
  index: number
  fuzzCase: FuzzCase
  verdict: Verdict
}

/** Runs cases `indexes` with bounded concurrency; returns every verdict with its case. */
async function runAll(baseUrl: string, cases: Array<{ index: number; fuzzCase: FuzzCase }>): Promise<Finding[]> {
  const findings: Finding[] = []
  let next = 0
  const worker = async () => {
    while (next < cases.length) {
      const { index, fuzzCase } = cases[next++]!
      findings.push({ index, fuzzCase, verdict: await runCase(baseUrl, fuzzCase) })
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  return findings
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

function figures(findings: Finding[]): string[] {
  const byFamily = new Map<string, number>()
  const byStatus = new Map<string, number>()
  for (const f of findings) {
    byFamily.set(f.fuzzCase.family, (byFamily.get(f.fuzzCase.family) ?? 0) + 1)
    const status = f.verdict.isStream ? 'stream' : String(f.verdict.status ?? 'closed')
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1)
  }
  const slowest = Math.max(...findings.map((f) => f.verdict.ms))
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')
  return [`by family: ${sorted(byFamily)}`, `answers: ${sorted(byStatus)}`, `slowest case ${slowest.toFixed(0)} ms`]
}

test(`${CASE_COUNT} malformed requests (seed ${SEED}): no crash, no 500, no hang, a Status for every error, memory back, nothing outside the fuzz namespace touched`, async (t) => {
  const startedMs = performance.now()
  const server = await startFuzzServer({ maxBodyBytes: LIMITS.maxBodyBytes, requestReadTimeoutMs: LIMITS.requestReadTimeoutMs })
  try {
    assert.equal((await request(server.url, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: FUZZ_NAMESPACE } } })).status, 201)
    await namespaceSettled(server.url, FUZZ_NAMESPACE)
    for (const target of targetObjects()) assert.equal((await request(server.url, target.path, { method: 'POST', body: target.body })).status, 201)
    const outsideBefore = await objectsOutsideFuzzNamespace(server.url)
    const revisionBefore = Number((await request(server.url, '/api/v1/namespaces')).body.metadata.resourceVersion)

    const indexes = ONLY_CASE === undefined ? Array.from({ length: CASE_COUNT }, (_, i) => i) : [ONLY_CASE]
    const cases = indexes.map((index) => ({ index, fuzzCase: generate(index) }))
    const regressions = regressionCases(LIMITS).map((fuzzCase, i) => ({ index: -1 - i, fuzzCase }))
    // Caches filled on first use (schemas, type descriptions, the YAML parser) are filled before the baseline.
    const warmUp = await runAll(server.url, [...regressions, ...cases.slice(0, WARM_UP_CASES)])
    const baseline = await server.memory()
    const findings = [...warmUp, ...(await runAll(server.url, cases.slice(WARM_UP_CASES)))]
    assert.equal(server.exited(), undefined, 'the server process is still up')
    const after = await server.memory()

    t.diagnostic(`seed ${SEED}: ${findings.length} cases (${regressions.length} kept regressions) in ${((performance.now() - startedMs) / 1000).toFixed(1)} s, ${CONCURRENCY} at a time`)
    for (const line of figures(findings)) t.diagnostic(line)
    t.diagnostic(`server heap after GC ${mb(baseline.heapUsed)} → ${mb(after.heapUsed)}; RSS ${mb(baseline.rss)} → ${mb(after.rss)}`)

    const problems = findings.filter((f) => f.verdict.problem).sort((a, b) => a.index - b.index)
    const report = problems.slice(0, 15).map((f) => `${describeCase(f.fuzzCase, f.index, SEED)}\n    → ${f.verdict.problem}`)
    assert.deepEqual(report, [], `${problems.length} cases broke a property`)
    assert.equal((await request(server.url, '/readyz')).status, 200, 'the server still serves')
    assert.deepEqual(after.prototypeKeys, [], 'no body reached Object.prototype')
    assert.ok(after.heapUsed - baseline.heapUsed < HEAP_GROWTH_BOUND_BYTES, `the heap grew by ${mb(after.heapUsed - baseline.heapUsed)}`)
    assert.ok(after.rss - baseline.rss < RSS_GROWTH_BOUND_BYTES, `RSS grew by ${mb(after.rss - baseline.rss)}`)
    assert.deepEqual(await changesOutsideFuzzNamespace(server.url, revisionBefore), [], 'no change outside the fuzz namespace')
    assert.deepEqual(await objectsOutsideFuzzNamespace(server.url), outsideBefore, 'objects outside the fuzz namespace are as they were')
  } finally {
    await server.close()
  }
})

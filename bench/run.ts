import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { authenticatedFanout } from './cases/authenticated-fanout.js'
import { createThroughput } from './cases/create-throughput.js'
import { customResourceCreates } from './cases/custom-resource-creates.js'
import { listLatency } from './cases/list-latency.js'
import { protobufCreates } from './cases/protobuf-creates.js'
import { patchThroughput } from './cases/patch-throughput.js'
import { startupTime } from './cases/startup-time.js'
import { historyReads } from './cases/history-reads.js'
import { idleWatchMemory } from './cases/idle-watch-memory.js'
import { resumeStorm } from './cases/resume-storm.js'
import { watchFanout } from './cases/watch-fanout.js'
import { postgresReplicas } from './cases/postgres-replicas.js'
import { partitionDrops } from './cases/partition-drops.js'
import { inProcessCosts } from './cases/in-process-costs.js'
import { authenticatedCreates } from './cases/authenticated-creates.js'
import { scalingStore } from './cases/scaling-store.js'
import { scalingStartAndCatchUp } from './cases/scaling-start-catch-up.js'
import { scalingFanout } from './cases/scaling-fanout.js'
import { snapshotCheck } from './cases/snapshot-check.js'
import type { BenchCase } from './support/bench-case.js'
import { runCaseOnQuietMachine } from './support/quiet-run.js'
import { killAllChildren } from './support/children.js'
import { formatTable } from './support/print-table.js'
import { isGoalMet, ratioOf, type ResultRow } from './support/result-row.js'
import { removeTempDirs } from './support/temp-dirs.js'

// `npm run bench [-- --cpu-prof] [-- --no-rerun] [-- case-name-substring …]`: every case measures ours
// beside its references in this one run, so the ratios hold on a shared, noisy machine. Asserts nothing.
// BENCH_SCALE=small shrinks the scaling cases' sizes for a quick smoke run.
const CASES: BenchCase[] = [
  createThroughput, protobufCreates, customResourceCreates, patchThroughput, listLatency, startupTime, watchFanout, idleWatchMemory,
  resumeStorm, historyReads, postgresReplicas, partitionDrops, snapshotCheck, authenticatedCreates, authenticatedFanout, inProcessCosts, scalingStore, scalingStartAndCatchUp, scalingFanout,
]
/** with --cpu-prof, these cases run their watchplane child under --cpu-prof and print its top functions */
const PROFILED = new Set<BenchCase>([createThroughput, protobufCreates, watchFanout, resumeStorm, authenticatedCreates, authenticatedFanout])
const RESULTS_FILE = new URL('./results/latest.json', import.meta.url)

const args = process.argv.slice(2)
const shouldProfile = args.includes('--cpu-prof')
const shouldRerun = !args.includes('--no-rerun')
const filters = args.filter((a) => !a.startsWith('--'))
const selected = CASES.filter((c) => filters.length === 0 || filters.some((f) => c.name.includes(f)))

// Children and temp dirs go away on every exit path: normal end, error, Ctrl-C.
process.once('exit', () => {
  killAllChildren()
  removeTempDirs()
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130))

const log = (line: string) => process.stdout.write(`${line}\n`)
const startedMs = performance.now()
log(`watchplane bench: node ${process.version}, ${availableParallelism()} CPUs, cases: ${selected.map((c) => c.name).join('; ')}`)

const rows: ResultRow[] = []
const failures: string[] = []
const reruns: string[] = []
for (const benchCase of selected) {
  log(`\n▶ ${benchCase.name}`)
  const caseStartedMs = performance.now()
  try {
    // profiles outlive the run (unlike the other temp dirs), so they can be read again afterwards
    const profileDir = () => mkdtempSync(join(tmpdir(), 'watchplane-bench-cpu-prof-'))
    const run = () => benchCase.run({ log, ...(shouldProfile && PROFILED.has(benchCase) ? { cpuProfileDir: profileDir() } : {}) })
    const outcome = await runCaseOnQuietMachine(run, { log, shouldRerun })
    rows.push(...outcome.rows)
    if (outcome.rerunReason) reruns.push(`${benchCase.name}: ${outcome.rerunReason}`)
  } catch (error) {
    failures.push(`${benchCase.name}: ${String((error as Error).message ?? error).split('\n')[0]}`)
    log(`  FAILED: ${(error as Error).message}`)
  }
  log(`  (${((performance.now() - caseStartedMs) / 1000).toFixed(1)} s)`)
}

log(`\n${formatTable(rows)}`)
log(`\nratio = ours / reference; throughput rows want a high ratio, time and memory rows a low one.`)
log(`total ${((performance.now() - startedMs) / 1000).toFixed(1)} s`)
for (const rerun of reruns) log(`case rerun: ${rerun}`)
for (const failure of failures) log(`case failed (details above): ${failure}`)

mkdirSync(new URL('./results/', import.meta.url), { recursive: true })
const json = rows.map((row) => ({ ...row, ratio: ratioOf(row), isGoalMet: isGoalMet(row) }))
writeFileSync(RESULTS_FILE, JSON.stringify({ at: new Date().toISOString(), node: process.version, rows: json, reruns, failures }, null, 2) + '\n')
log(`figures written to bench/results/latest.json`)
process.exitCode = failures.length ? 1 : 0

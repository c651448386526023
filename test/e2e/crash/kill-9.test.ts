import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { test } from 'node:test'
import { startCliServer, watchplaneCommand, type CliServer } from '../../support/cli-server.js'
import { eventually } from '../../support/eventually.js'
import { namespaceSettled, request, tempDataDir } from '../../support/start-server.js'
import { prngFor } from '../fuzz/prng.js'
import { CRASH_KINDS, NAMESPACES } from './crash-kinds.js'
import { CrashWriter, type RoundTally } from './crash-writer.js'
import { differences, keyOf, listEverything, listPaths, readLog, replay, type LogRow } from './log-replay.js'
import { ResumedWatcher } from './resumed-watcher.js'
import { checkAcknowledged, checkRevisions } from './round-checks.js'

// kill -9 of the real server during 64 concurrent writers, round after round on one data dir; after
// each restart, every acknowledged write must be there with its revision, the snapshot must equal a
// replay of the log, so must the state at the previous round's head (an Exact list, read from the log's
// key_revisions), and watchers resumed from their last resourceVersion must have seen each event once.
const ROUNDS = Number(process.env.WATCHPLANE_CRASH_ROUNDS ?? 10)
const WRITERS = 64
const SEED = Number(process.env.WATCHPLANE_CRASH_SEED ?? 9)
/** the kill comes this long after the writers' first 64 acknowledged writes, drawn per round */
const KILL_AFTER_MS = { min: 50, max: 600 }

interface RoundFigures {
  tallies: RoundTally[]
  killAfterMs: number
  /** from the kill to the restarted server's printed URL */
  recoveryMs: number
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)

function makeWriters(): CrashWriter[] {
  return Array.from({ length: WRITERS }, (_, id) => new CrashWriter(id, CRASH_KINDS[id % CRASH_KINDS.length]!, NAMESPACES[Math.floor(id / CRASH_KINDS.length) % NAMESPACES.length]!, prngFor(SEED, id)))
}

async function makeWatchers(url: string, fromRevision: number): Promise<ResumedWatcher[]> {
  const paths = await listPaths(url)
  const watchers = CRASH_KINDS.map((k) => new ResumedWatcher(k.resource, paths.get(k.resource)!, undefined, fromRevision))
  for (const ns of NAMESPACES) watchers.push(new ResumedWatcher('configmaps', `/api/v1/namespaces/${ns}/configmaps`, ns, fromRevision))
  for (const w of watchers) await w.open(url)
  return watchers
}

/** One round: writers until the kill, the kill, the restart. */
async function crashRound(server: CliServer, writers: CrashWriter[], round: number): Promise<{ server: CliServer; figures: Omit<RoundFigures, 'tallies'> & { tallies: RoundTally[] } }> {
  const rng = prngFor(SEED, 1000 + round)
  const killAfterMs = rng.between(KILL_AFTER_MS.min, KILL_AFTER_MS.max)
  let killedAtMs: number | undefined
  const control = { url: server.url, killedAtMs: () => killedAtMs }
  const running = Promise.all(writers.map((w) => w.runRound(control)))
  try {
    // The kill comes a drawn while after as many writes as there are writers, so each round has substance.
    // (assert.ok without a message reads and parses this file to word its error: seconds, in a poll)
    await eventually(() => assert.ok(sum(writers.map((w) => w.ackedThisRound + w.failedThisRound)) >= WRITERS, 'not yet'), { timeoutMs: 30_000 }).catch(() => {})
    await new Promise((resolve) => setTimeout(resolve, killAfterMs))
  } finally {
    killedAtMs = performance.now()
    await server.kill9()
  }
  const tallies = await running
  const restarted = await startCliServer(server.dataDir, ['--log-level', 'warn'])
  return { server: restarted, figures: { tallies, killAfterMs, recoveryMs: performance.now() - killedAtMs } }
}

interface Verification {
  log: LogRow[]
  problems: string[]
}

/** Everything checked after a restart, against the log read whole. */
async function verify(server: CliServer, writers: CrashWriter[], tallies: RoundTally[], previousHead: number): Promise<Verification> {
  const log = await readLog(server.url)
  const replayed = replay(log)
  const resources = new Set(log.map((row) => row.resource))
  const paths = await listPaths(server.url)
  const listed = await listEverything(server.url, resources, paths)
  // the state at the previous round's head, read from the log (key_revisions) across the crash
  const listedBefore = previousHead > 0 ? await listEverything(server.url, resources, paths, previousHead) : new Map<string, any>()
  const replayedBefore = replay(log.filter((row) => row.revision <= previousHead))
  const acknowledged = tallies.flatMap((t, i) => t.ackedRevisions.map((a) => ({ revision: a.revision, key: keyOf({ resource: writers[i]!.kind.resource, namespace: writers[i]!.namespace, name: a.name }) })))
  const selfCheck = server.logLines().filter((line) => line.msg === 'snapshot disagrees with log' || line.msg === 'snapshot rebuilt from log')
  return {
    log,
    problems: [
      ...tallies.flatMap((t) => t.failures),
      ...selfCheck.map((line) => `self-check at start: ${JSON.stringify(line)}`),
      ...checkRevisions(log, acknowledged, previousHead),
      ...differences(replayed, listed),
      ...differences(replayedBefore, listedBefore).map((problem) => `at the previous head #${previousHead}: ${problem}`),
      ...checkAcknowledged(writers, listed),
    ],
  }
}

/**
 * Resumes each watcher on the restarted server and waits until it has caught up with the log as
 * read: what it received over all its connections must then be the log's rows of its scope, in
 * order, once each (anything after is newer than the log read, and checked next round).
 */
async function verifyWatchers(url: string, watchers: ResumedWatcher[], log: LogRow[]): Promise<string[]> {
  for (const w of watchers) await w.open(url)
  const head = log.at(-1)?.revision ?? 0
  const problems: string[] = []
  for (const w of watchers) {
    const expected = w.expected(log)
    await eventually(() => assert.ok(w.received.length >= expected.length, 'not yet'), { timeoutMs: 20_000 }).catch(() => {})
    const received = w.received.slice(0, expected.length)
    const at = expected.findIndex((e, i) => received[i] !== e)
    if (at >= 0) problems.push(`watch ${w.listPath}: ${w.received.length} events for ${expected.length} log rows; first difference at ${at}: got ${received[at] ?? 'nothing'}, the log has ${expected[at]}`)
    const later = w.received.slice(expected.length).filter((e) => Number(e.split(' ')[0]) <= head)
    if (later.length > 0) problems.push(`watch ${w.listPath}: events beyond the log's rows of its scope: ${later.slice(0, 3).join('; ')}`)
    if (w.errors.length) problems.push(`watch ${w.listPath}: ERROR events ${w.errors.join('; ')}`)
  }
  return problems
}

test(`kill -9 during ${WRITERS} concurrent writers, ${ROUNDS} rounds on one data dir: nothing acknowledged is lost, the snapshot is the log's replay, resumed watchers see each event once`, async (t) => {
  const startedMs = performance.now()
  const dataDir = tempDataDir()
  const command = watchplaneCommand()
  let server = await startCliServer(dataDir, ['--log-level', 'warn'])
  const rounds: RoundFigures[] = []
  try {
    for (const ns of NAMESPACES) assert.equal((await request(server.url, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: ns } } })).status, 201)
    for (const ns of NAMESPACES) await namespaceSettled(server.url, ns)
    let head = Number((await request(server.url, '/api/v1/namespaces')).body.metadata.resourceVersion)
    const writers = makeWriters()
    const watchers = await makeWatchers(server.url, head)
    let events = 0
    for (let round = 1; round <= ROUNDS; round++) {
      const crashed = await crashRound(server, writers, round)
      server = crashed.server
      rounds.push(crashed.figures)
      const { log, problems } = await verify(server, writers, crashed.figures.tallies, head)
      problems.push(...(await verifyWatchers(server.url, watchers, log)))
      assert.deepEqual(problems.slice(0, 20), [], `round ${round}: ${problems.length} problems`)
      head = log.at(-1)?.revision ?? head
      events = log.length
    }
    for (const w of watchers) w.close()
    const acked = rounds.map((r) => sum(r.tallies.map((x) => x.acked)))
    const unknown = rounds.map((r) => sum(r.tallies.map((x) => x.unknown)))
    t.diagnostic(`${ROUNDS} rounds in ${((performance.now() - startedMs) / 1000).toFixed(1)} s (server: ${command.isBuilt ? 'bin/watchplane.js, built dist/' : 'sources through tsx: dist/ is older than src/'})`)
    t.diagnostic(`writes acknowledged ${sum(acked)} (per round ${acked.join(', ')}), unknown ${sum(unknown)} (per round ${unknown.join(', ')}), failures 0`)
    t.diagnostic(`kill after ${rounds.map((r) => r.killAfterMs).join(', ')} ms; recovery (kill → serving) median ${median(rounds.map((r) => r.recoveryMs)).toFixed(0)} ms, max ${Math.max(...rounds.map((r) => r.recoveryMs)).toFixed(0)} ms`)
    t.diagnostic(`log rows replayed and compared each round, ${events} at the end; ${watchers.length} watchers resumed ${ROUNDS} times, ${sum(watchers.map((w) => w.received.length))} events each seen once`)
  } finally {
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})

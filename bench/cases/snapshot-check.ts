import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openDatabase } from '../../src/storage/sqlite/open-database.js'
import { rebuildSnapshot } from '../../src/storage/sqlite/snapshot-check.js'
import { SqliteStorage } from '../../src/storage/sqlite/sqlite-storage.js'
import type { BenchCase } from '../support/bench-case.js'
import { median } from '../support/percentiles.js'
import { makeTempDir } from '../support/temp-dirs.js'

const EVENTS = 1_000_000
const KEYS = 100_000
const RUNS = 5

/**
 * A database as a busy server leaves it: 100k config maps, each written ten times (1M log rows),
 * written with SQL in one transaction (the real schema, from the migrations), for speed.
 */
function buildDatabase(path: string): void {
  const db = openDatabase({ path, durability: 'off' })
  const event = db.prepare(`INSERT INTO events (revision, resource, namespace, name, type, object, prev_revision, verb, committed_at) VALUES (?, 'configmaps', 'default', ?, ?, ?, ?, 'bench', 0)`)
  const object = db.prepare(`INSERT INTO objects (resource, namespace, name, revision, created_revision) VALUES ('configmaps', 'default', ?, ?, ?)
    ON CONFLICT (resource, namespace, name) DO UPDATE SET revision = excluded.revision`)
  db.transaction(() => {
    for (let revision = 1; revision <= EVENTS; revision++) {
      const name = `cm-${revision % KEYS}`
      const isFirst = revision <= KEYS
      const json = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', resourceVersion: String(revision) }, data: { v: String(revision) } })
      event.run(revision, name, isFirst ? 'ADDED' : 'MODIFIED', json, isFirst ? null : revision - KEYS)
      object.run(name, revision, revision)
    }
  })()
  db.close()
}

/** What a start pays for the self-check on a 1M-event log, beside what a full replay of that log (the repair) costs. */
export const snapshotCheck: BenchCase = {
  name: 'startup self-check on a 1M-event log',
  async run(ctx) {
    const path = join(makeTempDir('snapshot-check'), 'watchplane.db')
    const builtMs = performance.now()
    buildDatabase(path)
    ctx.log(`  built ${EVENTS} events over ${KEYS} keys in ${((performance.now() - builtMs) / 1000).toFixed(1)} s`)
    const checkMs: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const storage = new SqliteStorage({ path, durability: 'full', publisher: { publish: () => {} } })
      const check = await storage.checkSnapshot()
      if (check.isRebuilt) throw new Error(`the intact database failed its check: ${check.mismatches.join('; ')}`)
      checkMs.push(check.elapsedMs)
      await storage.close()
    }
    ctx.log(`  check: ${checkMs.map((ms) => ms.toFixed(1)).join(', ')} ms`)
    const db = new Database(path)
    const rebuildStartedMs = performance.now()
    rebuildSnapshot(db)
    const rebuildMs = performance.now() - rebuildStartedMs
    db.close()
    ctx.log(`  full replay (rebuild): ${rebuildMs.toFixed(0)} ms`)
    return [{
      case: `self-check, ${EVENTS / 1e6}M events (median of ${RUNS})`, unit: 'ms', ours: median(checkMs),
      reference: rebuildMs, referenceLabel: 'full replay of the log (the repair)', goal: { type: 'ours-below', value: 50 },
    }]
  },
}

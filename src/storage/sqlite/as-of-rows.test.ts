import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import Database from 'better-sqlite3'
import { asRevision, type Revision } from '../../api/resource-version.js'
import type { KubeObject } from '../../api/types.js'
import type { ObjectKey } from '../storage.js'
import { AsOfPlanner } from './as-of-plan.js'
import { AS_OF_SCOPES, asOfRows, type AsOfPlan, type AsOfScope } from './as-of-rows.js'
import { SqliteStorage } from './sqlite-storage.js'

// Both ways of reading a past state (as-of-rows.ts) against the state replayed from the log rows:
// keys created, updated, deleted and created again, some unchanged since a revision and some not,
// with another resource written between, so that `snapshotFirst` meets every kind of key.
const NAMESPACES = ['default', 'team-a']
const KEYS: ObjectKey[] = NAMESPACES.flatMap((namespace) => Array.from({ length: 60 }, (_, i) => ({ resource: 'configmaps', namespace, name: `cm-${i}` })))

const objectOf = (key: ObjectKey, text: string): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: key.name, namespace: key.namespace }, data: { text } })

/** a fixed sequence of writes; the revisions to read at */
async function writeHistory(storage: SqliteStorage): Promise<Revision[]> {
  const live = new Set<number>()
  const checkpoints: Revision[] = []
  for (let step = 0; step < 900; step++) {
    const i = (step * 37 + Math.floor(step / 7)) % KEYS.length
    const key = KEYS[i]!
    if (!live.has(i)) {
      await storage.write({ key, precondition: { type: 'absent' }, apply: () => ({ type: 'put', object: objectOf(key, `created at ${step}`) }), audit: { verb: 'create' } })
      live.add(i)
    } else if (step % 5 === 0) {
      await storage.write({ key, precondition: { type: 'present' }, apply: (c) => ({ type: 'delete', object: JSON.parse(c!.json) as KubeObject }), audit: { verb: 'delete' } })
      live.delete(i)
    } else if (step % 3 !== 0) {
      await storage.write({ key, precondition: { type: 'present' }, apply: () => ({ type: 'put', object: objectOf(key, `updated at ${step}`) }), audit: { verb: 'update' } })
    } else {
      const other = { resource: 'secrets', namespace: 'default', name: `s-${step % 11}` }
      await storage.write({ key: other, precondition: { type: 'none' }, apply: () => ({ type: 'put', object: { metadata: { name: other.name, namespace: 'default' }, data: {} } }), audit: { verb: 'update' } })
    }
    if (step % 60 === 59 || step >= 890) checkpoints.push(storage.currentRevision())
  }
  return checkpoints
}

/** namespace, name and object of each key's newest row at or before `at`, unless a deletion, in key order */
function replay(db: Database.Database, at: Revision): string[][] {
  const state = new Map<string, string[]>()
  const rows = db.prepare("SELECT type, namespace, name, object FROM events WHERE resource = 'configmaps' AND revision <= ? ORDER BY revision").all(at) as Array<{ type: string; namespace: string; name: string; object: string }>
  for (const row of rows) {
    const id = `${row.namespace}\0${row.name}`
    if (row.type === 'DELETED') state.delete(id)
    else state.set(id, [row.namespace, row.name, row.object])
  }
  return [...state].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b))).map(([, row]) => row)
}

const PARAMS: Record<AsOfScope, { namespace?: string; afterNamespace?: string; afterName?: string }> = {
  all: {},
  allAfter: { afterNamespace: 'default', afterName: 'cm-3' },
  namespace: { namespace: 'team-a' },
  namespaceAfter: { namespace: 'team-a', afterName: 'cm-3' },
}

/** what each scope's read should give: the replayed state after its key, in its namespace */
const inScope = (scope: AsOfScope, row: string[]) => {
  const p = PARAMS[scope]
  return (p.namespace === undefined || row[0] === p.namespace) &&
    (p.afterName === undefined || Buffer.compare(Buffer.from(`${row[0]}\0${row[1]}`), Buffer.from(`${p.namespace ?? p.afterNamespace}\0${p.afterName}`)) > 0)
}

test('a past state read through the snapshot first gives the same rows as the seek on every key, and as the log replayed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'as-of-rows-'))
  const path = join(dir, 'watchplane.db')
  const storage = new SqliteStorage({ path, durability: 'off', publisher: { publish: () => {} } })
  try {
    const checkpoints = await writeHistory(storage)
    const db = new Database(path, { readonly: true })
    const read = (plan: AsOfPlan, scope: AsOfScope, at: Revision, limit: number) =>
      db.prepare(asOfRows('e.namespace, e.name, e.object', AS_OF_SCOPES[scope], plan)).raw().all({ resource: 'configmaps', at, limit, ...PARAMS[scope] })
    let unchangedKeys = 0
    for (const at of checkpoints) {
      const want = replay(db, at)
      unchangedKeys += db.prepare("SELECT count(*) FROM objects WHERE resource = 'configmaps' AND revision <= ?").pluck().get(at) as number
      for (const scope of Object.keys(AS_OF_SCOPES) as AsOfScope[]) {
        for (const limit of [1, 17, 1000]) {
          const expected = want.filter((row) => inScope(scope, row)).slice(0, limit)
          assert.deepEqual(read('seek', scope, at, limit), expected, `seek at ${at}, ${scope}, limit ${limit}`)
          assert.deepEqual(read('snapshotFirst', scope, at, limit), expected, `snapshotFirst at ${at}, ${scope}, limit ${limit}`)
        }
      }
    }
    assert.ok(unchangedKeys > 0, 'some keys were read from the snapshot')
    db.close()
  } finally {
    await storage.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

test('the snapshot goes first when fewer than half a page of objects changed since the revision', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'as-of-plan-'))
  const path = join(dir, 'watchplane.db')
  const storage = new SqliteStorage({ path, durability: 'off', publisher: { publish: () => {} } })
  try {
    const put = (name: string, text: string) => {
      const key = { resource: 'configmaps', namespace: 'default', name }
      return storage.write({ key, precondition: { type: 'none' }, apply: () => ({ type: 'put', object: objectOf(key, text) }), audit: { verb: 'update' } })
    }
    for (let i = 0; i < 40; i++) await put(`cm-${i}`, 'created')
    const afterCreates = storage.currentRevision()
    for (let i = 0; i < 10; i++) await put(`cm-${i}`, 'updated')
    const db = new Database(path, { readonly: true })
    const planner = new AsOfPlanner(db)
    assert.equal(planner.planFor(afterCreates, 40), 'snapshotFirst', '10 of 40 changed')
    assert.equal(planner.planFor(afterCreates, 20), 'seek', '10 changed, a page of 20')
    assert.equal(planner.planFor(asRevision(1), 40), 'seek', '39 changed since the first create')
    assert.equal(planner.planFor(afterCreates, 1), 'seek', 'a page of one: any change')
    assert.equal(planner.planFor(storage.currentRevision(), 1), 'snapshotFirst', 'nothing changed since')
    db.close()
  } finally {
    await storage.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

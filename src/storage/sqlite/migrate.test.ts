import assert from 'node:assert/strict'
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import Database from 'better-sqlite3'
import { findPackageDir } from '../../config/package-dir.js'
import { asRevision } from '../../api/resource-version.js'
import { applyMigrations } from './migrate.js'
import { SqliteStorage } from './sqlite-storage.js'

const MIGRATIONS = findPackageDir(import.meta.url, 'migrations')

/** a directory holding the migrations up to and including `last` */
function migrationsUpTo(last: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'wp-migrations-'))
  for (const file of readdirSync(MIGRATIONS).filter((f) => /^\d{4}_.+\.sql$/.test(f) && Number(f.slice(0, 4)) <= last)) {
    copyFileSync(join(MIGRATIONS, file), join(dir, file))
  }
  return dir
}

const configMap = (name: string, resourceVersion: number, v: string) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', resourceVersion: String(resourceVersion) }, data: { v } })

test('a database whose snapshot held its own copy of each object (schema 4) keeps serving the same objects from the log', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'wp-migrate-')), 'old.db')
  const db = new Database(path)
  applyMigrations(db, migrationsUpTo(4))
  const event = db.prepare(`INSERT INTO events (revision, resource, namespace, name, type, object, verb, committed_at) VALUES (?, 'configmaps', 'default', ?, ?, ?, 'test', 0)`)
  const object = db.prepare(`INSERT INTO objects (resource, namespace, name, revision, created_revision, object) VALUES ('configmaps', 'default', ?, ?, ?, ?)`)
  // a created then changed, b created then deleted, c created
  event.run(1, 'a', 'ADDED', configMap('a', 1, '1'))
  event.run(2, 'b', 'ADDED', configMap('b', 2, '1'))
  event.run(3, 'a', 'MODIFIED', configMap('a', 3, '2'))
  event.run(4, 'b', 'DELETED', configMap('b', 4, '1'))
  event.run(5, 'c', 'ADDED', configMap('c', 5, '1'))
  object.run('a', 3, 1, configMap('a', 3, '2'))
  object.run('c', 5, 5, configMap('c', 5, '1'))
  db.close()

  const storage = new SqliteStorage({ path, durability: 'full', publisher: { publish: () => {} } })
  try {
    const page = await storage.list({ resource: 'configmaps', namespace: 'default', limit: 10 })
    assert.deepEqual(page.objects.map((o) => [o.key.name, o.revision, o.json]), [['a', 3, configMap('a', 3, '2')], ['c', 5, configMap('c', 5, '1')]])
    assert.equal((await storage.get({ resource: 'configmaps', namespace: 'default', name: 'a' }))?.json, configMap('a', 3, '2'))
    assert.equal(await storage.get({ resource: 'configmaps', namespace: 'default', name: 'b' }), undefined)
    assert.deepEqual((await storage.checkSnapshot()).mismatches, [])
  } finally {
    await storage.close()
  }
  const migrated = new Database(path, { readonly: true })
  try {
    const columns = migrated.prepare("SELECT name FROM pragma_table_info('objects')").pluck().all()
    assert.deepEqual(columns, ['resource', 'namespace', 'name', 'revision', 'created_revision'], 'the snapshot keeps no copy of the JSON')
    assert.deepEqual(migrated.prepare('SELECT name, created_revision FROM objects ORDER BY name').raw().all(), [['a', 1], ['c', 5]])
  } finally {
    migrated.close()
  }
})

/** a schema-5 database (events_by_key, object_keys without ids) as the server then wrote it, compacted part way */
function writeSchema5Log(path: string): { head: number; compactedRevision: number; keys: string[] } {
  const db = new Database(path)
  applyMigrations(db, migrationsUpTo(5))
  const event = db.prepare(`INSERT INTO events (revision, resource, namespace, name, type, object, prev_revision, verb, committed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'test', 0)`)
  const recordKey = db.prepare('INSERT OR IGNORE INTO object_keys (resource, namespace, name, first_revision) VALUES (?, ?, ?, ?)')
  const putObject = db.prepare(`INSERT INTO objects (resource, namespace, name, revision, created_revision) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (resource, namespace, name) DO UPDATE SET revision = excluded.revision, created_revision = excluded.created_revision`)
  const deleteObject = db.prepare('DELETE FROM objects WHERE resource = ? AND namespace = ? AND name = ?')
  const keys = ['default', 'team-a'].flatMap((namespace) => Array.from({ length: 12 }, (_, i) => `${namespace}/cm-${i}`))
  const live = new Map<string, { revision: number; created: number }>()
  const secretsCreated = new Map<string, number>()
  let revision = 0
  db.transaction(() => {
    for (let step = 0; step < 400; step++) {
      revision += 1
      if (step % 4 === 3) {
        // another resource between, so a key's revisions are not consecutive
        const name = `s-${step % 5}`
        const created = secretsCreated.get(name) ?? revision
        event.run(revision, 'secrets', 'default', name, created === revision ? 'ADDED' : 'MODIFIED', '{}', null)
        recordKey.run('secrets', 'default', name, revision)
        putObject.run('secrets', 'default', name, revision, created)
        secretsCreated.set(name, created)
        continue
      }
      const id = keys[(step * 7 + Math.floor(step / 11)) % keys.length]!
      const [namespace, name] = id.split('/') as [string, string]
      const current = live.get(id)
      const type = !current ? 'ADDED' : step % 5 === 0 ? 'DELETED' : 'MODIFIED'
      event.run(revision, 'configmaps', namespace, name, type, configMap(name, revision, `${type} at ${step}`), current?.revision ?? null)
      if (type === 'ADDED') recordKey.run('configmaps', namespace, name, revision)
      if (type === 'DELETED') {
        deleteObject.run('configmaps', namespace, name)
        live.delete(id)
      } else {
        const created = current?.created ?? revision
        putObject.run('configmaps', namespace, name, revision, created)
        live.set(id, { revision, created })
      }
    }
    // the compaction of schema 5 (storage/sqlite/compaction.ts then), up to a point in the middle
    const compactedRevision = 150
    db.prepare(`DELETE FROM events WHERE revision <= :upTo AND (type = 'DELETED' OR EXISTS (SELECT 1 FROM events later
      WHERE later.resource = events.resource AND later.namespace = events.namespace AND later.name = events.name
        AND later.revision > events.revision AND later.revision <= :upTo))`).run({ upTo: compactedRevision })
    db.prepare("INSERT INTO meta (key, value) VALUES ('compacted_revision', ?)").run(String(compactedRevision))
  })()
  db.close()
  return { head: revision, compactedRevision: 150, keys }
}

test('a database with events_by_key (schema 5) lists, gets and keeps histories as of past revisions as before, and as the log replayed', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'wp-migrate-')), 'old.db')
  const { head, compactedRevision, keys } = writeSchema5Log(path)
  // what schema 5 gave: its rows of each state, replayed from its log; its rows of each key's history
  const old = new Database(path, { readonly: true })
  const logRows = old.prepare("SELECT revision, type, namespace, name, object FROM events WHERE resource = 'configmaps' ORDER BY revision").all() as
    Array<{ revision: number; type: string; namespace: string; name: string; object: string }>
  const historyOf = (id: string) => logRows.filter((row) => `${row.namespace}/${row.name}` === id).map((row) => [row.revision, row.type, row.object])
  const eventCount = old.prepare('SELECT count(*) FROM events').pluck().get() as number
  old.close()
  const stateAt = (at: number) => {
    const state = new Map<string, [string, number, string]>()
    for (const row of logRows.filter((r) => r.revision <= at)) {
      if (row.type === 'DELETED') state.delete(`${row.namespace}\0${row.name}`)
      else state.set(`${row.namespace}\0${row.name}`, [row.name, row.revision, row.object])
    }
    return [...state].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row)
  }

  const storage = new SqliteStorage({ path, durability: 'full', publisher: { publish: () => {} } })
  try {
    let checkedObjects = 0
    for (let at = compactedRevision; at <= head; at += 7) {
      const want = stateAt(at)
      const page = await storage.list({ resource: 'configmaps', limit: 1000, atRevision: asRevision(at) })
      assert.deepEqual(page.objects.map((o) => [o.key.name, o.revision, o.json]), want, `the state at ${at}`)
      const firstPage = await storage.list({ resource: 'configmaps', limit: 5, atRevision: asRevision(at) })
      const last = firstPage.objects.at(-1)
      const secondPage = last ? await storage.list({ resource: 'configmaps', limit: 5, atRevision: asRevision(at), after: last.key }) : { objects: [] }
      assert.deepEqual([...firstPage.objects, ...secondPage.objects].map((o) => [o.key.name, o.revision, o.json]), want.slice(0, 10), `two pages at ${at}`)
      for (const id of keys.slice(0, 6)) {
        const [namespace, name] = id.split('/') as [string, string]
        const got = await storage.getAt({ resource: 'configmaps', namespace, name }, asRevision(at))
        const newest = historyOf(id).filter(([revision]) => (revision as number) <= at).at(-1)
        assert.deepEqual(got?.json, newest && newest[1] !== 'DELETED' ? newest[2] : undefined, `${id} at ${at}`)
      }
      checkedObjects += want.length
    }
    assert.ok(checkedObjects > 100, 'the states held objects')
    for (const id of keys) {
      const [namespace, name] = id.split('/') as [string, string]
      const entries = await storage.history({ resource: 'configmaps', namespace, name }, { afterRevision: asRevision(0), limit: 1000, belowCompaction: 'retained' })
      assert.deepEqual(entries.map((e) => [e.revision, e.type, e.json]), historyOf(id), `the history of ${id}`)
    }
    assert.deepEqual((await storage.checkSnapshot()).mismatches, [])

    // the migrated database goes on: a new key, and a change to an old one, read back as of their revisions
    const before = storage.currentRevision()
    const created = { resource: 'configmaps', namespace: 'default', name: 'cm-new' }
    await storage.write({ key: created, precondition: { type: 'absent' }, apply: () => ({ type: 'put', object: JSON.parse(configMap('cm-new', 0, 'new')) }), audit: { verb: 'create' } })
    const afterCreate = storage.currentRevision()
    const names = async (at: number) => (await storage.list({ resource: 'configmaps', namespace: 'default', limit: 1000, atRevision: asRevision(at) })).objects.map((o) => o.key.name)
    assert.ok(!(await names(before)).includes('cm-new'))
    assert.ok((await names(afterCreate)).includes('cm-new'))
    assert.equal((await storage.history(created, { afterRevision: asRevision(0), limit: 10, belowCompaction: 'retained' })).length, 1)
  } finally {
    await storage.close()
  }
  const migrated = new Database(path, { readonly: true })
  try {
    assert.equal(migrated.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'events_by_key'").pluck().get(), 0, 'events_by_key is gone')
    assert.equal(migrated.prepare('SELECT count(*) FROM key_revisions').pluck().get(), eventCount + 1, 'one key_revisions row per log row')
    assert.equal(migrated.prepare('SELECT count(DISTINCT key_id) FROM object_keys').pluck().get(), migrated.prepare('SELECT count(*) FROM object_keys').pluck().get(), 'no two keys share an id')
  } finally {
    migrated.close()
  }
})

import assert from 'node:assert/strict'
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import Database from 'better-sqlite3'
import { findPackageDir } from '../../config/package-dir.js'
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

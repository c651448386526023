import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { after, test } from 'node:test'
import { gzipSync } from 'node:zlib'
import Database from 'better-sqlite3'
import { asRevision } from '../../api/resource-version.js'
import type { KubeObject } from '../../api/types.js'
import type { Write } from '../storage.js'
import { exportBundle } from '../bundle/export-bundle.js'
import { sqliteLogSink, sqliteLogSource } from './sqlite-log-archive.js'
import { importBundle } from '../bundle/import-bundle.js'
import { openDatabase } from './open-database.js'
import { SqliteStorage } from './sqlite-storage.js'

const dir = mkdtempSync(join(tmpdir(), 'watchplane-bundle-'))
after(() => rmSync(dir, { recursive: true, force: true }))
let nextFile = 0
const newPath = () => join(dir, `db-${nextFile++}.sqlite`)
const open = (path: string) => new SqliteStorage({ path, durability: 'off', publisher: { publish: () => {} } })

const key = (name: string, namespace = 'demo') => ({ resource: 'configmaps', namespace, name })
const object = (name: string, v: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'demo' }, data: { v } })
const audit = { verb: 'update', fieldManager: 'test' }
const put = (name: string, v: string, isNew = false): Write => ({ key: key(name), precondition: { type: isNew ? 'absent' : 'present' }, apply: () => ({ type: 'put', object: object(name, v) }), audit })
const remove = (name: string): Write => ({ key: key(name), precondition: { type: 'present' }, apply: (current) => ({ type: 'delete', object: JSON.parse(current!.json) }), audit: { verb: 'delete' } })

/** A source with creations, updates, a deletion and a re-creation; compacted in the middle when asked. */
async function source(compactTo?: number): Promise<string> {
  const path = newPath()
  const storage = open(path)
  for (const w of [put('a', '1', true), put('b', '1', true), put('a', '2'), remove('b'), put('c', '1', true), put('b', '2', true), put('c', '2'), remove('a'), put('a', '3', true)]) await storage.write(w)
  if (compactTo) await storage.compact(asRevision(compactTo))
  await storage.close()
  return path
}

async function bundleOf(path: string): Promise<Buffer> {
  const db = new Database(path, { readonly: true })
  const chunks: Buffer[] = []
  await exportBundle(sqliteLogSource(db), new PassThrough().on('data', (chunk: Buffer) => chunks.push(chunk)))
  db.close()
  return Buffer.concat(chunks)
}

async function importInto(bundle: Buffer): Promise<string> {
  const path = newPath()
  const db = openDatabase({ path, durability: 'off' })
  try {
    await importBundle(sqliteLogSink(db), Readable.from([bundle]))
  } finally {
    db.close()
  }
  return path
}

const rows = (path: string, sql: string) => {
  const db = new Database(path, { readonly: true })
  try {
    return db.prepare(sql).all()
  } finally {
    db.close()
  }
}

for (const compactTo of [undefined, 5]) {
  test(`export → import keeps every row and serves the same list at every retained revision (compacted: ${compactTo ?? 'no'})`, async () => {
    const from = await source(compactTo)
    const to = await importInto(await bundleOf(from))
    assert.deepEqual(rows(to, 'SELECT * FROM events ORDER BY revision'), rows(from, 'SELECT * FROM events ORDER BY revision'))
    const snapshot = `SELECT o.resource, o.namespace, o.name, o.revision, e.object${compactTo ? '' : ', o.created_revision'}
      FROM objects o JOIN events e ON e.revision = o.revision ORDER BY 1, 2, 3`
    assert.deepEqual(rows(to, snapshot), rows(from, snapshot))
    const [source_, imported] = [open(from), open(to)]
    try {
      assert.equal(imported.compactedRevision(), source_.compactedRevision())
      assert.equal(imported.currentRevision(), source_.currentRevision())
      for (let at = source_.compactedRevision(); at <= source_.currentRevision(); at++) {
        const list = (s: SqliteStorage) => s.list({ resource: 'configmaps', namespace: 'demo', atRevision: asRevision(at), limit: 100 })
        assert.deepEqual(await list(imported), await list(source_), `at revision ${at}`)
      }
    } finally {
      await Promise.all([source_.close(), imported.close()])
    }
  })
}

test('a bundle goes only into an empty database', async () => {
  const bundle = await bundleOf(await source())
  const db = openDatabase({ path: await source(), durability: 'off' })
  try {
    await assert.rejects(importBundle(sqliteLogSink(db), Readable.from([bundle])), { name: 'BundleError', message: /not empty/ })
  } finally {
    db.close()
  }
})

const header = { kind: 'HistoryBundle', formatVersion: 1, currentRevision: 2, compactedRevision: 0, exportedAt: '2026-11-25T13:00:00.000Z', events: 2 }
const row = (revision: number) => ({ revision, resource: 'configmaps', namespace: 'demo', name: `n${revision}`, type: 'ADDED', prev_revision: null, verb: 'create', field_manager: null, user_agent: null, username: null, committed_at: 1, object: object(`n${revision}`, '1') })
const bad = [
  { name: 'a cut-short bundle', lines: [header, row(1)], message: /promises 2 events, it holds 1/ },
  { name: 'rows out of order', lines: [header, row(2), row(1)], message: /line 3: not an event row in revision order/ },
  { name: 'a newer format', lines: [{ ...header, formatVersion: 2 }], message: /format version 2/ },
  { name: 'no header', lines: [row(1)], message: /not a history bundle/ },
]
for (const c of bad) {
  // What a failed import already wrote is the caller's to drop (the CLI builds under a temporary name).
  test(`import refuses ${c.name}`, async () => {
    const path = newPath()
    const db = openDatabase({ path, durability: 'off' })
    try {
      const bundle = gzipSync(c.lines.map((l) => JSON.stringify(l)).join('\n'))
      await assert.rejects(importBundle(sqliteLogSink(db), Readable.from([bundle])), { name: 'BundleError', message: c.message })
    } finally {
      db.close()
    }
  })
}

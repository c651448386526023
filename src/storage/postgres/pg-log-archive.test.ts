import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { after, test } from 'node:test'
import Database from 'better-sqlite3'
import { needsPostgres, sharedPostgres } from '../../../test/support/postgres.js'
import { asRevision } from '../../api/resource-version.js'
import type { KubeObject } from '../../api/types.js'
import { exportBundle } from '../bundle/export-bundle.js'
import { importBundle } from '../bundle/import-bundle.js'
import type { LogSource } from '../bundle/log-archive.js'
import { openDatabase } from '../sqlite/open-database.js'
import { SqliteStorage } from '../sqlite/sqlite-storage.js'
import { sqliteLogSink, sqliteLogSource } from '../sqlite/sqlite-log-archive.js'
import type { Storage, StorageReader, Write } from '../storage.js'
import { pgLogSource, openPgLogSink } from './pg-log-archive.js'
import { openPool } from './pg-pool.js'
import { PgReader } from './pg-reader.js'
import { PgStorage } from './pg-storage.js'

const dir = mkdtempSync(join(tmpdir(), 'watchplane-pg-bundle-'))
after(() => rmSync(dir, { recursive: true, force: true }))
let files = 0

const key = (name: string) => ({ resource: 'configmaps', namespace: 'demo', name })
const object = (name: string, v: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'demo' }, data: { v } })
const audit = { verb: 'update', fieldManager: 'test', userAgent: 'kubectl/v1.32.0', username: 'admin' }
const put = (name: string, v: string, isNew = false): Write => ({ key: key(name), precondition: { type: isNew ? 'absent' : 'present' }, apply: () => ({ type: 'put', object: object(name, v) }), audit })
const remove = (name: string): Write => ({ key: key(name), precondition: { type: 'present' }, apply: (current) => ({ type: 'delete', object: JSON.parse(current!.json) }), audit: { verb: 'delete' } })
const HISTORY = [put('a', '1', true), put('b', '1', true), put('a', '2'), remove('b'), put('c', '1', true), put('b', '2', true), put('c', '2'), remove('a'), put('a', '3', true), put('c', '3'), put('d', '1', true)]

async function bundleFrom(source: LogSource): Promise<Buffer> {
  const chunks: Buffer[] = []
  await exportBundle(source, new PassThrough().on('data', (chunk: Buffer) => chunks.push(chunk)))
  return Buffer.concat(chunks)
}

/** Everything a reader says about the log: its revisions, and every list from the compaction point on. */
async function observe(reader: StorageReader): Promise<unknown> {
  const lists: unknown[] = []
  for (let at = reader.compactedRevision(); at <= reader.currentRevision(); at++) {
    const page = await reader.list({ resource: 'configmaps', namespace: 'demo', atRevision: asRevision(at), limit: 100 })
    lists.push(page.objects.map((o) => [o.key.name, o.revision, o.json]))
  }
  const history = await reader.history(key('c'), { afterRevision: reader.compactedRevision(), limit: 100 })
  return { current: reader.currentRevision(), compacted: reader.compactedRevision(), lists, history: history.map((h) => [h.revision, h.type, h.audit, h.committedAtMs]) }
}

async function filled(storage: Storage, compactTo: number): Promise<void> {
  for (const write of HISTORY) await storage.write(write)
  await storage.compact(asRevision(compactTo))
}

test('SQLite → PostgreSQL → SQLite: revisions, compaction point, every list and history exactly kept', needsPostgres, async () => {
  const sqlitePath = join(dir, `${files++}.db`)
  const source = new SqliteStorage({ path: sqlitePath, durability: 'off', publisher: { publish: () => {} } })
  await filled(source, 5)
  const expected = await observe(source)
  await source.close()

  const url = await (await sharedPostgres()).createDatabase()
  const pool = openPool({ url, maxConnections: 2, onError: () => {} })
  try {
    const db = new Database(sqlitePath, { readonly: true })
    await importBundle(await openPgLogSink(pool, 3), Readable.from([await bundleFrom(sqliteLogSource(db))]))
    db.close()
    const reader = await PgReader.open({ url, isListening: false })
    assert.deepEqual(await observe(reader), expected)
    await reader.close()

    const backPath = join(dir, `${files++}.db`)
    const back = openDatabase({ path: backPath, durability: 'off' })
    await importBundle(sqliteLogSink(back), Readable.from([await bundleFrom(pgLogSource(pool))]))
    back.close()
    const reopened = new SqliteStorage({ path: backPath, durability: 'off', publisher: { publish: () => {} } })
    assert.deepEqual(await observe(reopened), expected)
    await reopened.close()
  } finally {
    await pool.end()
  }
})

test('PostgreSQL with dropped partitions → SQLite: the rows compaction kept, and the same answers', needsPostgres, async () => {
  const url = await (await sharedPostgres()).createDatabase()
  const storage = await PgStorage.open({ url, publisher: { publish: () => {} }, partitionRevisions: 3, isListening: false })
  await filled(storage, 7)
  const expected = await observe(storage)
  const pool = openPool({ url, maxConnections: 1, onError: () => {} })
  const bundle = await bundleFrom(pgLogSource(pool))
  await pool.end()
  await storage.close()
  const path = join(dir, `${files++}.db`)
  const db = openDatabase({ path, durability: 'off' })
  const header = await importBundle(sqliteLogSink(db), Readable.from([bundle]))
  db.close()
  assert.deepEqual([header.currentRevision, header.compactedRevision], [11, 7])
  const reopened = new SqliteStorage({ path, durability: 'off', publisher: { publish: () => {} } })
  assert.deepEqual(await observe(reopened), expected)
  await reopened.close()
})

import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { test } from 'node:test'
import { gunzipSync } from 'node:zlib'
import Database from 'better-sqlite3'
import type { KubeObject } from '../../api/types.js'
import type { Write } from '../storage.js'
import { exportBundle } from '../bundle/export-bundle.js'
import { sqliteLogSource } from './sqlite-log-archive.js'
import { SqliteStorage } from './sqlite-storage.js'

const key = { resource: 'configmaps', namespace: 'demo', name: 'a' }
const object = (v: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'demo' }, data: { v, 'ü': 'ñ' } })
const write = (precondition: Write['precondition'], v?: string): Write => ({
  key, precondition, audit: { verb: v ? 'update' : 'delete', fieldManager: 'kubectl-edit', userAgent: 'kubectl/v1.31.0', username: 'admin' },
  apply: (current) => (v ? { type: 'put', object: object(v) } : { type: 'delete', object: JSON.parse(current!.json) }),
})

test('a bundle is gzip\'d NDJSON: a header, then every log row with every column, objects copied verbatim', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'watchplane-bundle-'))
  try {
    const path = join(dir, 'watchplane.db')
    const storage = new SqliteStorage({ path, durability: 'off', publisher: { publish: () => {} } })
    await storage.write(write({ type: 'absent' }, '1'))
    await storage.write(write({ type: 'present' }, '2'))
    await storage.write(write({ type: 'present' }))
    const db = new Database(path, { readonly: true })
    const chunks: Buffer[] = []
    const output = new PassThrough().on('data', (chunk: Buffer) => chunks.push(chunk))
    const header = await exportBundle(sqliteLogSource(db), output, Date.parse('2026-11-25T13:00:00Z'))
    const [first, ...rows] = gunzipSync(Buffer.concat(chunks)).toString('utf8').trimEnd().split('\n').map((line) => JSON.parse(line))
    assert.deepEqual(first, { kind: 'HistoryBundle', formatVersion: 1, currentRevision: 3, compactedRevision: 0, exportedAt: '2026-11-25T13:00:00.000Z', events: 3 })
    assert.deepEqual(header, first)
    assert.deepEqual(rows.map((r) => [r.revision, r.type, r.prev_revision, r.verb]), [[1, 'ADDED', null, 'update'], [2, 'MODIFIED', 1, 'update'], [3, 'DELETED', 2, 'delete']])
    const stored = db.prepare('SELECT * FROM events ORDER BY revision').all() as Record<string, unknown>[]
    assert.deepEqual(rows.map((r) => ({ ...r, object: JSON.stringify(r.object) })), stored)
    db.close()
    await storage.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { asRevision, type Revision } from '../api/resource-version.js'
import { EventLog } from '../storage/sqlite/event-log.js'
import { openDatabase } from '../storage/sqlite/open-database.js'
import { SqliteStorage } from '../storage/sqlite/sqlite-storage.js'
import type { EventRange, Write } from '../storage/storage.js'
import { LogBlocks, type LogScope } from './log-blocks.js'
import { JSON_FORMAT } from './watch-format.js'

const configMap = (name: string): Write => ({
  key: { resource: 'configmaps', namespace: 'default', name },
  precondition: { type: 'none' },
  apply: () => ({ type: 'put', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } } }),
  audit: { verb: 'create' },
})
const SCOPE: LogScope = { resource: 'configmaps', namespace: 'default', withPrevious: false }

test('the newest block is read once and extended by what was committed since, not read again per watcher', async () => {
  const storage = new SqliteStorage({ path: ':memory:', durability: 'off', publisher: { publish: () => {} } })
  const reads: string[] = []
  const blocks = new LogBlocks({
    readEvents: (range: EventRange) => {
      reads.push(`${range.afterRevision}..${range.upToRevision}`)
      return storage.readEvents(range)
    },
  })
  const page = async (after: number, upTo: number) => {
    const read = blocks.pageAfter(SCOPE, asRevision(after), asRevision(upTo))
    const replay = await read.changes
    return { revisions: replay.changes.map((c) => c.change.revision), frames: replay.isEmpty ? '' : replay.joinedFrames(JSON_FORMAT).toString(), ...read }
  }
  const expected = async (after: number, upTo: number) => {
    const events = await storage.readEvents({ afterRevision: asRevision(after), upToRevision: asRevision(upTo), limit: 1000 })
    return events.map((e) => e.revision as number)
  }
  try {
    for (let i = 1; i <= 300; i++) await storage.write(configMap(`cm-${i}`))
    const first = await page(260, 290)
    assert.deepEqual(first.revisions, await expected(260, 290))
    assert.equal(first.isAtEnd, true)
    const second = await page(270, 300)
    assert.deepEqual(second.revisions, await expected(270, 300))
    assert.equal(second.frames.split('\n').filter(Boolean).length, 30)
    assert.equal((await page(280, 300)).revisions.length, 20)
    for (let i = 301; i <= 520; i++) await storage.write(configMap(`cm-${i}`))
    // The block is complete now: its last rows are read, its start reused; the next block is read whole.
    const full = await page(290, 520)
    assert.deepEqual(full.revisions, await expected(290, 512))
    assert.equal(full.throughRevision as Revision, 512)
    assert.equal(full.isAtEnd, false)
    assert.deepEqual((await page(512, 520)).revisions, await expected(512, 520))
    assert.deepEqual(reads, ['256..290', '290..300', '300..512', '512..520'])
  } finally {
    await storage.close()
  }
})

test('blocks read as event lines send the same bytes, and give selector and Table watchers the same changes, as blocks read as rows', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'log-lines-'))
  const path = join(dir, 'watchplane.db')
  const storage = new SqliteStorage({ path, durability: 'off', publisher: { publish: () => {} } })
  const reader = openDatabase({ path, durability: 'off' })
  try {
    const log = new EventLog(reader)
    const keyOf = (i: number) => ({ resource: 'configmaps', namespace: i % 7 === 0 ? 'other' : 'default', name: `cm-${i % 40}` })
    const objectOf = (i: number) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: keyOf(i).name, namespace: keyOf(i).namespace }, data: { text: `é,"x"\\ ✓ ${i}` } })
    for (let i = 1; i <= 300; i++) {
      // Every 11th write deletes what the one before wrote: ADDED, MODIFIED and DELETED lines.
      const [key, outcome] = i % 11 === 0 ? [keyOf(i - 1), { type: 'delete' as const, object: objectOf(i - 1) }] : [keyOf(i), { type: 'put' as const, object: objectOf(i) }]
      await storage.write({ key, precondition: { type: 'none' }, apply: () => outcome, audit: { verb: 'update' } })
    }
    const asRows = new LogBlocks(storage)
    const types: string[] = []
    const asLines = new LogBlocks({ readEvents: (range) => storage.readEvents(range), readEventLines: async (range) => log.readLines(range) })
    for (const scope of [SCOPE, { ...SCOPE, namespace: undefined }]) {
      for (const [after, upTo] of [[0, 256], [100, 300], [256, 300]] as const) {
        const [rows, lines] = await Promise.all([asRows, asLines].map(async (blocks) => (await blocks.pageAfter(scope, asRevision(after), asRevision(upTo)).changes)))
        assert.ok(lines!.joinedFrames(JSON_FORMAT).equals(rows!.joinedFrames(JSON_FORMAT)), `joined frames ${after}..${upTo}`)
        const view = (page: typeof rows) => page!.changes.map(({ change: c }) => ({ revision: c.revision, type: c.type, namespace: c.namespace, name: c.name, json: c.objectJson, object: c.object() }))
        assert.deepEqual(view(lines), view(rows))
        types.push(...view(lines).map((c) => c.type))
      }
    }
    assert.deepEqual(new Set(types), new Set(['ADDED', 'MODIFIED', 'DELETED']))
  } finally {
    reader.close()
    await storage.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { asRevision, type Revision } from '../api/resource-version.js'
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

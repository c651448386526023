import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { eventually } from '../../support/eventually.js'
import { namespaceSettled, request, startServer } from '../../support/start-server.js'
import { createConfigMaps } from './bulk-writes.js'
import { openChunkedWatch, type ChunkedWatch, type WatchEvent } from './chunked-watch.js'
import { liveWatchers } from './server-metrics.js'

// A watcher that stops reading must cost the server bounded memory (a small queue, then catch-up
// from the log) and, once it reads again, get every event in order, exactly once (STYLE.md B4.6).
// The issue describes 30 s without reading; here the client stops reading for as long as it takes
// to commit 20,000 events (a few seconds): the server sees the same thing, a socket that does not
// drain while the events pile up, and the test stays well under 40 s.

const EVENT_COUNT = 20_000
const QUEUE_FRAMES = 256
// Each event carries ~4 KB (bulk-writes.ts), so the 20k frames are ~90 MB: a queue without a bound
// retains them all (measured: 87 MiB of growth with watchQueueFrames=10,000,000).
const MAX_RETAINED_GROWTH_BYTES = 32 * 1024 * 1024

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

/** what the process keeps after a full GC: JS heap plus Buffers (where queued frames would live) */
function retainedBytes(): number {
  collectGarbage()
  const usage = process.memoryUsage()
  return usage.heapUsed + usage.external
}

async function createNamespace(server: RunningWatchplane, name: string): Promise<void> {
  const created = await request(server.url, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name } } })
  assert.equal(created.status, 201, created.text)
}

/** keeps only what the checks need, so the client's own memory does not blur the server's */
function eventTally() {
  const tally = { count: 0, lastRevision: 0, outOfOrder: 0, names: new Set<string>(), types: new Set<string>(), errors: [] as WatchEvent[] }
  const onEvent = (event: WatchEvent) => {
    if (event.type === 'ERROR') return void tally.errors.push(event)
    const revision = Number(event.object.metadata.resourceVersion)
    if (revision <= tally.lastRevision) tally.outOfOrder += 1
    tally.lastRevision = revision
    tally.count += 1
    tally.names.add(event.object.metadata.name)
    tally.types.add(event.type)
  }
  return { tally, onEvent }
}

describe('a watcher that stops reading', () => {
  test(`${EVENT_COUNT} events while it does not read: bounded server memory, then every event in order, exactly once`, async () => {
    const server = await startServer({ watchQueueFrames: QUEUE_FRAMES })
    try {
      await createNamespace(server, 'slow')
      await namespaceSettled(server.url, 'slow')
      const from = server.currentRevision()
      const { tally, onEvent } = eventTally()
      const watch = await openChunkedWatch(server.url, `/api/v1/namespaces/slow/configmaps?watch=1&resourceVersion=${from}`, { onEvent })
      watch.pause()
      assert.equal(await liveWatchers(server), 1)

      const before = retainedBytes()
      const rssBefore = process.memoryUsage().rss
      const writeStartedMs = Date.now()
      await createConfigMaps(server, 'slow', { prefix: 'cm', count: EVENT_COUNT })
      const writeMs = Date.now() - writeStartedMs
      const growth = retainedBytes() - before
      const rssGrowth = process.memoryUsage().rss - rssBefore

      assert.equal(tally.count, 0, 'the client really did not read')
      assert.equal(await liveWatchers(server), 0, 'past its queue the watcher left the hub (it will catch up from the log)')
      assert.ok(growth < MAX_RETAINED_GROWTH_BYTES, `retained memory grew ${(growth / 2 ** 20).toFixed(1)} MiB (bound ${MAX_RETAINED_GROWTH_BYTES / 2 ** 20} MiB)`)

      const resumedMs = Date.now()
      watch.resume()
      await eventually(() => assert.equal(tally.count, EVENT_COUNT), { timeoutMs: 20_000, intervalMs: 50 })
      const catchUpMs = Date.now() - resumedMs
      assert.equal(tally.outOfOrder, 0, 'resourceVersions strictly increase')
      assert.equal(tally.names.size, EVENT_COUNT, 'each object exactly once')
      assert.deepEqual([...tally.types], ['ADDED'])
      assert.deepEqual(tally.errors, [])
      assert.equal(tally.lastRevision, server.currentRevision())

      await eventually(async () => assert.equal(await liveWatchers(server), 1, 'caught up and live again'))
      await createConfigMaps(server, 'slow', { prefix: 'live', count: 1 })
      await eventually(() => assert.equal(tally.count, EVENT_COUNT + 1))
      assert.equal(tally.outOfOrder, 0, 'still in order after going live')
      assert.ok(!watch.isEnded(), 'the watch is still open')
      watch.close()
      // Figures for the record (node --test shows them as comments).
      console.log(`slow watcher: ${EVENT_COUNT} creates in ${writeMs} ms; retained growth ${(growth / 2 ** 20).toFixed(1)} MiB, `
        + `rss growth ${(rssGrowth / 2 ** 20).toFixed(1)} MiB (includes SQLite's 64 MiB page cache); catch-up ${catchUpMs} ms`)
    } finally {
      await server.close()
    }
  })

  // 2000 × 16 KB = 32 MB of frames: far more than socket buffers hold, so a watcher paused after
  // 200 of them is still catching up, behind the deletion, when the compaction comes.
  const FILL_COUNT = 2000
  const FILL_PAYLOAD_BYTES = 16_000
  // Compaction drops DELETED rows: a watcher behind it that reads on from the log would never hear
  // of the deletion (an informer would keep the object forever). It must get 410 instead.
  const compactionCases = [
    { name: 'before its catch-up starts', readBeforeCompaction: 0 },
    { name: 'in the middle of its catch-up (between log pages)', readBeforeCompaction: 200 },
  ]
  for (const c of compactionCases) {
    test(`history compacted ${c.name}: it still learns of a deletion (or gets 410 and relists)`, async () => {
      const server = await startServer({ watchQueueFrames: QUEUE_FRAMES })
      try {
        await createNamespace(server, 'compacting')
        const doomed = await request(server.url, '/api/v1/namespaces/compacting/configmaps', { method: 'POST', body: { metadata: { name: 'doomed' } } })
        const outcome: string[] = []
        let fillsRead = 0
        const holder: { watch?: ChunkedWatch } = {}
        const onEvent = (event: WatchEvent) => {
          const name: string = event.object.metadata?.name ?? ''
          if (event.type === 'ADDED' && name.startsWith('fill-')) {
            if (++fillsRead === c.readBeforeCompaction) holder.watch!.pause()
            return
          }
          outcome.push(event.type === 'ERROR' ? `ERROR ${event.object.code}` : `${event.type} ${name}`)
        }
        const watch = (holder.watch = await openChunkedWatch(server.url, `/api/v1/namespaces/compacting/configmaps?watch=1&resourceVersion=${doomed.body.metadata.resourceVersion}`, { onEvent }))
        watch.pause()
        await createConfigMaps(server, 'compacting', { prefix: 'fill', count: FILL_COUNT, payloadBytes: FILL_PAYLOAD_BYTES })
        const deleted = await request(server.url, '/api/v1/namespaces/compacting/configmaps/doomed', { method: 'DELETE' })
        assert.equal(deleted.status, 200, deleted.text)
        assert.equal(await liveWatchers(server), 0, 'the watcher overflowed and waits to catch up from the log')
        if (c.readBeforeCompaction > 0) {
          watch.resume()
          await eventually(() => assert.equal(fillsRead >= c.readBeforeCompaction, true, `read ${fillsRead} events`), { timeoutMs: 10_000 })
          assert.equal(await liveWatchers(server), 0, 'paused again before the catch-up could finish')
        }
        await server.compact(server.currentRevision())
        await createConfigMaps(server, 'compacting', { prefix: 'after', count: 1 })

        watch.resume()
        await eventually(() => assert.ok(watch.isEnded() || outcome.includes('ADDED after-0'), 'caught up, or ended'), { timeoutMs: 20_000 })
        const isToldOfDeletion = outcome.includes('DELETED doomed') || outcome[0] === 'ERROR 410'
        assert.ok(isToldOfDeletion, `the watcher must see DELETED doomed or a 410; after ${fillsRead} fills it got ${JSON.stringify(outcome)}`)
        watch.close()
      } finally {
        await server.close()
      }
    })
  }
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import pino from 'pino'
import { eventually } from '../../test/support/eventually.js'
import { delayedReads } from '../../test/support/delayed-reads.js'
import type { Revision } from '../api/resource-version.js'
import type { Commit } from '../commits/commit.js'
import { CommitStream } from '../commits/commit-stream.js'
import { SqliteStorage } from '../storage/sqlite/sqlite-storage.js'
import type { Storage, Write } from '../storage/storage.js'
import type { WatchSink } from '../wire/watch-sink.js'
import { WatchHub } from './watch-hub.js'
import { JSON_FORMAT } from './watch-format.js'
import { Watcher } from './watcher.js'

interface Event {
  type: string
  revision: number
  namespace: string
  name: string
  isInitialEventsEnd: boolean
}

/**
 * A sink that records what the client would read. With `blockEvery`, it reports backpressure after
 * that many frames and drains a moment later (a slow client): the watcher then overflows, leaves
 * the hub and catches up from the log again, joining many times over.
 */
function recordingSink(blockEvery?: number): WatchSink & { events: Event[] } {
  const events: Event[] = []
  const drainListeners: (() => void)[] = []
  let written = 0
  return {
    events,
    write: (frame) => {
      const { type, object } = JSON.parse(frame.toString()) as { type: string; object: { metadata: Record<string, any> } }
      const { resourceVersion, namespace = '', name = '', annotations } = object.metadata
      events.push({ type, revision: Number(resourceVersion), namespace, name, isInitialEventsEnd: Boolean(annotations?.['k8s.io/initial-events-end']) })
      written += 1
      if (!blockEvery || written % blockEvery !== 0) return true
      setTimeout(() => drainListeners.splice(0).forEach((listener) => listener()), 3)
      return false
    },
    onDrain: (listener) => void drainListeners.push(listener),
    onClose: () => {},
    end: () => {},
  }
}

const configMap = (namespace: string, name: string, v: number): Write => ({
  key: { resource: 'configmaps', namespace, name },
  precondition: { type: 'none' },
  apply: () => ({ type: 'put', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { v: String(v) } } }),
  audit: { verb: 'update' },
})

/** `count` writes in namespace `namespace`, a few per group commit, with real time between batches. */
async function writeSteadily(storage: Storage, namespace: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 4) {
    await Promise.all([0, 1, 2, 3].map((k) => storage.write(configMap(namespace, `cm-${(i + k) % 40}`, i + k))))
    await sleep(1)
  }
}

function startWatcher(parts: { storage: Storage; hub: WatchHub }, options: { namespace?: string; fromRevision?: Revision; sink: WatchSink; maxQueuedFrames?: number }): Watcher {
  const watcher = new Watcher(
    {
      resource: 'configmaps', namespace: options.namespace, kind: 'ConfigMap', apiVersion: 'v1',
      filter: { isEmpty: true, matches: () => true }, format: JSON_FORMAT,
      fromRevision: options.fromRevision, sendInitialEvents: options.fromRevision === undefined, allowBookmarks: true, timeoutMs: undefined,
    },
    { maxQueuedFrames: options.maxQueuedFrames ?? 1024, bookmarkIntervalMs: 3_600_000, catchUpPageRows: 50 },
    { storage: parts.storage, hub: parts.hub, sink: options.sink, log: pino({ level: 'silent' }), statusOf: () => undefined },
  )
  watcher.start()
  return watcher
}

const inScope = (namespace: string | undefined) => (c: Commit) => namespace === undefined || c.namespace === namespace

test('a watcher switching from the log to the live stream loses nothing and repeats nothing while reads take time and writes go on', async () => {
  const storage = delayedReads(new SqliteStorage({ path: ':memory:', durability: 'off', publisher: { publish: (commits) => stream.publish(commits) } }), 2)
  const stream = new CommitStream()
  const committed: Commit[] = []
  stream.commits$.subscribe((commit) => committed.push(commit))
  // Before the hub: the log alone has these. Whole 256-revision blocks without namespace a's changes come first.
  await writeSteadily(storage, 'b', 600)
  await writeSteadily(storage, 'a', 300)
  const hub = new WatchHub(stream.commits$, storage)
  const parts = { storage, hub }
  const watches: { namespace?: string; from?: Revision; sink: ReturnType<typeof recordingSink>; watcher: Watcher }[] = []
  const watch = (namespace: string | undefined, from: Revision | undefined, blockEvery?: number) => {
    const sink = recordingSink(blockEvery)
    const watcher = startWatcher(parts, { ...(namespace ? { namespace } : {}), ...(from === undefined ? {} : { fromRevision: from }), sink, ...(blockEvery ? { maxQueuedFrames: 8 } : {}) })
    watches.push({ ...(namespace ? { namespace } : {}), ...(from === undefined ? {} : { from }), sink, watcher })
  }
  watch('a', 0 as Revision)
  watch(undefined, 0 as Revision)
  watch(undefined, 0 as Revision, 7)
  const writes = Promise.all([writeSteadily(storage, 'a', 400), writeSteadily(storage, 'b', 400)])
  // Watches starting while writes go on, from a recent revision and with the state first.
  for (let i = 0; i < 4; i++) {
    await sleep(15)
    watch('a', storage.currentRevision())
    watch('a', undefined)
    watch(undefined, undefined, 5)
  }
  await writes
  const last = storage.currentRevision()
  try {
    for (const w of watches) {
      const lastOfScope = committed.filter(inScope(w.namespace)).at(-1)!.revision
      await eventually(() => assert.equal(w.sink.events.at(-1)?.revision, lastOfScope), { timeoutMs: 10_000 })
    }
    for (const w of watches) {
      const events = w.sink.events.filter((e) => e.type !== 'BOOKMARK')
      const end = w.sink.events.findIndex((e) => e.isInitialEventsEnd)
      // A watch with the state first: the state at its revision (one ADDED per object), then what came after.
      const from = w.from ?? w.sink.events[end]!.revision
      const initial = w.from === undefined ? events.slice(0, end) : []
      const stateThen = new Map(committed.filter((c) => w.from === undefined && c.revision <= from && inScope(w.namespace)(c)).map((c) => [`${c.namespace}/${c.name}`, c.revision]))
      assert.deepEqual(new Map(initial.map((e) => [`${e.namespace}/${e.name}`, e.revision])), stateThen, 'the initial state')
      const changes = events.slice(initial.length).map((e) => `${e.revision} ${e.namespace}/${e.name}`)
      const expected = committed.filter((c) => c.revision > from && inScope(w.namespace)(c)).map((c) => `${c.revision} ${c.namespace}/${c.name}`)
      assert.deepEqual(changes, expected, `watch of ${w.namespace ?? 'every namespace'} from ${w.from ?? `its state at ${from}`}: every change once, in order`)
    }
    assert.equal(last, 1700, "every write committed")
  } finally {
    for (const w of watches) w.watcher.end()
    hub.close()
    await storage.close()
  }
})

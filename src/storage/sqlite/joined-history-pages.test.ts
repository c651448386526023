import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import Database from 'better-sqlite3'
import type { Revision } from '../../api/resource-version.js'
import type { KubeObject } from '../../api/types.js'
import type { ListRequest, ObjectKey } from '../storage.js'
import { SqliteStorage } from './sqlite-storage.js'

// Lists at past revisions, read joined (joined-history-pages.ts) and object by object (history.ts),
// against the state replayed from the log rows themselves on a connection of the test's own.
// Names whose byte order differs from a naive one ('-' and '.' sort before digits and letters,
// upper case before lower), and more keys than a page of 500, so pages of 300 and 500 end inside a list.
const NAMESPACES = ['team-b', 'default', 'team-a', 'default-2']
const NAMES = Array.from({ length: 160 }, (_, i) => [`a${i}`, `a-${i}`, `a.${i}`, `B${i}`][i % 4]!)
const KEYS: ObjectKey[] = NAMESPACES.flatMap((namespace) => NAMES.map((name) => ({ resource: 'configmaps', namespace, name })))

/** a fixed pseudo-random sequence (mulberry32), so a failure reproduces */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const objectOf = (key: ObjectKey, text: string): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: key.name, namespace: key.namespace }, data: { text } })

/** creates, updates, deletes and re-creates in a shuffled order, with another resource written between; the revisions to list at */
async function writeHistory(storage: SqliteStorage): Promise<Revision[]> {
  const next = random(7)
  const live = new Set<number>()
  const checkpoints: Revision[] = []
  const other = (i: number) => storage.write({ key: { resource: 'secrets', namespace: 'default', name: `s${i}` }, precondition: { type: 'none' }, apply: () => ({ type: 'put', object: { metadata: { name: `s${i}` }, data: { i: String(i) } } }), audit: { verb: 'update' } })
  await other(0)
  checkpoints.push(storage.currentRevision())
  for (let step = 0; step < 2400; step++) {
    const i = Math.floor(next() * KEYS.length)
    const key = KEYS[i]!
    const roll = next()
    if (!live.has(i)) {
      await storage.write({ key, precondition: { type: 'absent' }, apply: () => ({ type: 'put', object: objectOf(key, `created at step ${step}: é,"x"`) }), audit: { verb: 'create' } })
      live.add(i)
    } else if (roll < 0.25) {
      await storage.write({ key, precondition: { type: 'present' }, apply: (c) => ({ type: 'delete', object: JSON.parse(c!.json) as KubeObject }), audit: { verb: 'delete' } })
      live.delete(i)
    } else {
      await storage.write({ key, precondition: { type: 'present' }, apply: () => ({ type: 'put', object: objectOf(key, `updated at step ${step}`) }), audit: { verb: 'update' } })
    }
    if (step % 97 === 0) await other(step)
    if ([3, 400, 900, 1500, 2399].includes(step)) checkpoints.push(storage.currentRevision())
  }
  // The newest revision is served by the snapshot when the resource is unchanged since: one more write elsewhere.
  await other(-1)
  return checkpoints
}

/** the state at `at` replayed from the log rows: each key's newest row at or before it, if not a deletion */
function replay(path: string, at: Revision, namespace: string | undefined): string[] {
  const db = new Database(path, { readonly: true })
  try {
    const state = new Map<string, string>()
    const rows = db.prepare("SELECT type, namespace, name, object FROM events WHERE resource = 'configmaps' AND revision <= ? ORDER BY revision").all(at) as Array<{ type: string; namespace: string; name: string; object: string }>
    for (const row of rows) {
      const id = `${row.namespace}\0${row.name}`
      if (row.type === 'DELETED') state.delete(id)
      else state.set(id, row.object)
    }
    // Key order is the byte order of (namespace, name): NUL sorts before every character of a name.
    return [...state].filter(([id]) => namespace === undefined || id.startsWith(`${namespace}\0`))
      .sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b))).map(([, object]) => object)
  } finally {
    db.close()
  }
}

interface Pages {
  texts: string[]
  counts: number[]
}

/** every page of one list, joined or not, following each page's last key as a continue token does */
async function readPages(storage: SqliteStorage, request: Omit<ListRequest, 'after' | 'shouldJoin'>, shouldJoin: boolean): Promise<Pages> {
  const pages: Pages = { texts: [], counts: [] }
  let after: ListRequest['after']
  for (;;) {
    const page = await storage.list({ ...request, ...(after ? { after } : {}), shouldJoin })
    assert.equal(page.revision, request.atRevision)
    if (shouldJoin) {
      assert.deepEqual(page.objects, [])
      if (!page.joined) {
        assert.equal(after, undefined, 'the page before said more follow')
        return pages
      }
      pages.texts.push(page.joined.json.toString('utf8'))
      pages.counts.push(page.joined.count)
      after = page.joined.continueAfter
      if (!after) return pages
      assert.equal(page.joined.count, request.limit, 'a page that says more follow is full')
    } else {
      if (page.objects.length === 0) return pages
      pages.texts.push(page.objects.map((o) => o.json).join(','))
      pages.counts.push(page.objects.length)
      const last = page.objects.at(-1)!.key
      after = { namespace: last.namespace, name: last.name }
      if (page.objects.length < request.limit) return pages
    }
  }
}

/** the page sizes a list of `total` objects comes in: full pages, then the rest */
const countsOf = (total: number, limit: number) =>
  Array.from({ length: Math.ceil(total / limit) }, (_, i) => Math.min(limit, total - i * limit))

test('lists at past revisions, joined, hold exactly the objects replayed from the log, in key order, in pages that end where they should', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'wp-history-pages-')), 'test.db')
  const storage = new SqliteStorage({ path, durability: 'off', publisher: { publish: () => {} } })
  const checkpoints = await writeHistory(storage)
  for (const at of checkpoints) {
    for (const namespace of [undefined, 'default', 'none']) {
      const want = replay(path, at, namespace)
      for (const limit of [1, 7, 300, 500, 10_000]) {
        const request = { resource: 'configmaps', atRevision: at, limit, ...(namespace === undefined ? {} : { namespace }) }
        const joined = await readPages(storage, request, true)
        const objects = await readPages(storage, request, false)
        const what = `at ${at}, namespace ${namespace ?? '(all)'}, limit ${limit}`
        assert.equal(`[${joined.texts.join(',')}]`, `[${want.join(',')}]`, what)
        assert.deepEqual(joined.counts, countsOf(want.length, limit), what)
        // Page by page the same bytes as the objects read: the responses built from either match.
        assert.deepEqual(joined.texts, objects.texts.slice(0, joined.texts.length), what)
        assert.equal(objects.texts.slice(joined.texts.length).join(''), '', what)
      }
    }
  }
  assert.ok(replay(path, checkpoints[1]!, undefined).length > 0 && replay(path, checkpoints[0]!, undefined).length === 0)
  assert.ok(replay(path, checkpoints.at(-1)!, undefined).length > 500)
  await storage.close()
})

test('a page that ends just before keys deleted by then says no more follow', async () => {
  const storage = new SqliteStorage({ path: ':memory:', durability: 'off', publisher: { publish: () => {} } })
  const keys = ['a', 'b', 'c', 'd'].map((name) => ({ resource: 'configmaps', namespace: 'default', name }))
  for (const key of keys) await storage.write({ key, precondition: { type: 'absent' }, apply: () => ({ type: 'put', object: objectOf(key, 'x') }), audit: { verb: 'create' } })
  for (const key of keys.slice(2)) await storage.write({ key, precondition: { type: 'present' }, apply: (c) => ({ type: 'delete', object: JSON.parse(c!.json) as KubeObject }), audit: { verb: 'delete' } })
  const at = storage.currentRevision()
  await storage.write({ key: keys[0]!, precondition: { type: 'present' }, apply: () => ({ type: 'put', object: objectOf(keys[0]!, 'y') }), audit: { verb: 'update' } })
  for (const namespace of [undefined, 'default']) {
    const page = await storage.list({ resource: 'configmaps', atRevision: at, limit: 2, shouldJoin: true, ...(namespace ? { namespace } : {}) })
    assert.equal(page.joined?.count, 2)
    assert.equal(page.joined?.continueAfter, undefined)
    const more = await storage.list({ resource: 'configmaps', atRevision: at, limit: 1, shouldJoin: true, ...(namespace ? { namespace } : {}) })
    assert.deepEqual(more.joined?.continueAfter, { namespace: 'default', name: 'a' })
  }
  await storage.close()
})

import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import Database from 'better-sqlite3'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { request, startServer, tempDataDir } from '../../support/start-server.js'

// Lists at past revisions over HTTP (resourceVersionMatch=Exact, and /as-of/<revision>/), page by
// page with continue tokens, against the state replayed from the server's own log rows. kube
// answers an Exact list with the objects as they stood at that revision, in key order, and a
// continue token only when more follow (apiserver pkg/storage/etcd3/store.go GetList).
// A field selector that selects every object makes the server read the same list object by
// object instead of as joined pages: both answers must be the same bytes, tokens included.

const NS = 'pages'
const OBJECTS = 620
const SELECT_ALL = 'fieldSelector=metadata.name%21%3Dno-such-name'
// Names whose byte order differs from a naive one: '-' and '.' sort before digits and letters.
const nameOf = (i: number) => [`a${i}`, `a-${i}`, `a.${i}`, `b${i}`][i % 4]!

/** a fixed pseudo-random order (mulberry32), so a failure reproduces */
function shuffled<T>(items: T[], seed: number): T[] {
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** runs `work` over `items`, a few at a time, as clients writing together do */
async function inParallel<T>(items: T[], work: (item: T) => Promise<unknown>): Promise<void> {
  const queue = [...items]
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item)
  }))
}

describe('lists at past revisions, page by page', () => {
  const dataDir = tempDataDir()
  let server: RunningWatchplane
  const revisions: number[] = []

  before(async () => {
    server = await startServer({ dataDir })
    const path = `/api/v1/namespaces/${NS}/configmaps`
    await request(server.url, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: NS } } })
    const names = shuffled(Array.from({ length: OBJECTS }, (_, i) => nameOf(i)), 11)
    const write = async (method: string, name: string, text: string) => {
      const res = await request(server.url, method === 'POST' ? path : `${path}/${name}`, method === 'DELETE' ? { method } : { method, body: { metadata: { name }, data: { text } } })
      assert.ok(res.status < 300, `${method} ${name}: ${res.status} ${res.text}`)
    }
    await inParallel(names, (name) => write('POST', name, 'created: é,"x"'))
    revisions.push(server.currentRevision())
    await inParallel(names.slice(0, 300), (name) => write('PUT', name, 'updated'))
    await inParallel(names.slice(250, 400), (name) => write('DELETE', name, ''))
    revisions.push(server.currentRevision())
    await inParallel(names.slice(250, 300), (name) => write('POST', name, 'created again'))
    await inParallel(names.slice(0, 100), (name) => write('PUT', name, 'updated again'))
  })
  after(async () => {
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  /** ConfigMaps as they stood at `revision`, replayed from the log rows on a connection of the test's own */
  function replay(revision: number, namespace: string | undefined): unknown[] {
    const db = new Database(join(dataDir, 'watchplane.db'), { readonly: true })
    try {
      const state = new Map<string, string>()
      const rows = db.prepare("SELECT type, namespace, name, object FROM events WHERE resource = 'configmaps' AND revision <= ? ORDER BY revision").all(revision) as Array<{ type: string; namespace: string; name: string; object: string }>
      for (const row of rows) {
        if (namespace !== undefined && row.namespace !== namespace) continue
        const id = `${row.namespace}\0${row.name}`
        if (row.type === 'DELETED') state.delete(id)
        else state.set(id, row.object)
      }
      return [...state].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b))).map(([, object]) => JSON.parse(object))
    } finally {
      db.close()
    }
  }

  /** the pages of one list (all of them, or the first `maxPages`), each as the server's text; `path` carries the query to continue with */
  async function pages(first: string, path: string, maxPages = Infinity): Promise<string[]> {
    const texts: string[] = []
    for (let url = first; texts.length < maxPages;) {
      const res = await request(server.url, url, { accept: 'application/json' })
      assert.equal(res.status, 200, res.text)
      texts.push(res.text)
      const token = res.body.metadata.continue as string | undefined
      if (!token) break
      url = `${path}&continue=${encodeURIComponent(token)}`
    }
    return texts
  }

  const scopes = [
    { label: 'one namespace, Exact', namespace: NS, path: () => `/api/v1/namespaces/${NS}/configmaps`, query: (rv: number) => `resourceVersion=${rv}&resourceVersionMatch=Exact&` },
    { label: 'every namespace, Exact', namespace: undefined, path: () => '/api/v1/configmaps', query: (rv: number) => `resourceVersion=${rv}&resourceVersionMatch=Exact&` },
    { label: 'one namespace, /as-of/', namespace: NS, path: (rv: number) => `/as-of/${rv}/api/v1/namespaces/${NS}/configmaps`, query: () => '' },
  ]

  for (const scope of scopes) {
    for (const limit of [1, 300, 500, undefined]) {
      test(`${scope.label}, limit ${limit ?? 'none'}: the objects replayed from the log, and the same bytes read either way`, async () => {
        for (const revision of revisions) {
          const want = replay(revision, scope.namespace)
          assert.ok(want.length > 400, `the list at ${revision} spans pages of 300`)
          const path = scope.path(revision)
          const limitQuery = limit === undefined ? '' : `limit=${limit}`
          const maxPages = limit === 1 ? 3 : Infinity
          const joined = await pages(`${path}?${scope.query(revision)}${limitQuery}`, `${path}?${limitQuery}`, maxPages)
          const objects = await pages(`${path}?${scope.query(revision)}${limitQuery}&${SELECT_ALL}`, `${path}?${limitQuery}&${SELECT_ALL}`, maxPages)
          // The selector travels in the continue token's request, not in the token: the tokens match.
          assert.deepEqual(joined, objects)
          const items = joined.flatMap((text) => JSON.parse(text).items as unknown[])
          const wantPages = limit === undefined ? 1 : Math.min(maxPages, Math.ceil(want.length / limit))
          assert.equal(joined.length, wantPages)
          assert.deepEqual(items, want.slice(0, limit === undefined ? undefined : limit * wantPages))
          for (const text of joined) assert.equal(JSON.parse(text).metadata.resourceVersion, String(revision))
          if (limit !== undefined && limit * wantPages >= want.length) assert.equal(JSON.parse(joined.at(-1)!).metadata.continue, undefined)
        }
      })
    }
  }
})

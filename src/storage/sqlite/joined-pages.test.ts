import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { KubeObject } from '../../api/types.js'
import type { ListRequest, ObjectKey } from '../storage.js'
import { SqliteStorage } from './sqlite-storage.js'

// Keys whose byte order differs from a naive one ('-' and '.' sort before letters and digits,
// upper case before lower), written in a shuffled order so that insertion order cannot pass for key order.
const NAMES = ['b', 'a.b', 'a-b', 'ab', 'a', 'B', 'a0', 'zz', 'a.c', 'm']
const NAMESPACES = ['team-b', 'default', 'team-a', 'default-2']
const KEYS: ObjectKey[] = NAMESPACES.flatMap((namespace) => NAMES.map((name) => ({ resource: 'configmaps', namespace, name })))
  .sort((a, b) => (a.name + a.namespace).split('').reverse().join('').localeCompare((b.name + b.namespace).split('').reverse().join('')))

async function storageWithObjects(): Promise<SqliteStorage> {
  const storage = new SqliteStorage({ path: ':memory:', durability: 'off', publisher: { publish: () => {} } })
  for (const key of KEYS) {
    const object: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: key.name, namespace: key.namespace }, data: { text: 'é,"x"' } }
    await storage.write({ key, precondition: { type: 'absent' }, apply: () => ({ type: 'put', object }), audit: { verb: 'create' } })
  }
  // Another resource around the listed one: it must never leak into a page.
  await storage.write({ key: { resource: 'secrets', namespace: 'default', name: 'a' }, precondition: { type: 'absent' }, apply: () => ({ type: 'put', object: { metadata: { name: 'a' } } }), audit: { verb: 'create' } })
  return storage
}

/** Every page of one list read joined, and the same list read object by object, as JSON array texts. */
async function readBothWays(storage: SqliteStorage, request: Omit<ListRequest, 'after'>): Promise<{ joined: string; objects: string; pageCounts: number[] }> {
  const pageCounts: number[] = []
  const joined: string[] = []
  let after: ListRequest['after']
  for (;;) {
    const page = await storage.list({ ...request, ...(after ? { after } : {}), shouldJoin: true })
    assert.deepEqual(page.objects, [])
    if (!page.joined) break
    joined.push(page.joined.json.toString('utf8'))
    pageCounts.push(page.joined.count)
    after = page.joined.continueAfter
    if (!after) break
  }
  const whole = await storage.list({ ...request, limit: 1000 })
  return { joined: `[${joined.join(',')}]`, objects: `[${whole.objects.map((o) => o.json).join(',')}]`, pageCounts }
}

const cases = [
  { name: 'every namespace, one object a page', request: { resource: 'configmaps', limit: 1 }, wantCounts: Array(40).fill(1) },
  { name: 'every namespace, pages of 7', request: { resource: 'configmaps', limit: 7 }, wantCounts: [7, 7, 7, 7, 7, 5] },
  { name: 'every namespace, pages that end exactly at the last object', request: { resource: 'configmaps', limit: 8 }, wantCounts: [8, 8, 8, 8, 8] },
  { name: 'every namespace, one page', request: { resource: 'configmaps', limit: 500 }, wantCounts: [40] },
  { name: 'one namespace, pages of 3', request: { resource: 'configmaps', namespace: 'default', limit: 3 }, wantCounts: [3, 3, 3, 1] },
  { name: 'one namespace, pages of 5', request: { resource: 'configmaps', namespace: 'team-a', limit: 5 }, wantCounts: [5, 5] },
  { name: 'an empty namespace', request: { resource: 'configmaps', namespace: 'none', limit: 5 }, wantCounts: [] },
]

for (const c of cases) {
  test(`joined pages hold the objects in key order: ${c.name}`, async () => {
    const storage = await storageWithObjects()
    const { joined, objects, pageCounts } = await readBothWays(storage, c.request)
    assert.deepEqual(pageCounts, c.wantCounts)
    assert.equal(joined, objects)
    const names = (JSON.parse(joined) as KubeObject[]).map((o) => `${o.metadata.namespace}/${o.metadata.name}`)
    assert.deepEqual(names, KEYS.filter((k) => !c.request.namespace || k.namespace === c.request.namespace).map((k) => `${k.namespace}/${k.name}`).sort((a, b) => Buffer.compare(Buffer.from(a.replace('/', '\0')), Buffer.from(b.replace('/', '\0')))))
    await storage.close()
  })
}

test('a joined request for a past state the snapshot no longer shows is answered joined, from the log', async () => {
  const storage = await storageWithObjects()
  const then = storage.currentRevision()
  await storage.write({ key: KEYS[0]!, precondition: { type: 'present' }, apply: () => ({ type: 'delete', object: { metadata: { name: KEYS[0]!.name } } }), audit: { verb: 'delete' } })
  const page = await storage.list({ resource: 'configmaps', atRevision: then, limit: 100, shouldJoin: true })
  const objects = await storage.list({ resource: 'configmaps', atRevision: then, limit: 100 })
  assert.deepEqual(page.objects, [])
  assert.equal(page.joined?.count, KEYS.length)
  assert.equal(objects.objects.length, KEYS.length)
  assert.equal(page.joined.json.toString('utf8'), objects.objects.map((o) => o.json).join(','))
  await storage.close()
})

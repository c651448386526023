import { join } from 'node:path'
import type { KubeObject } from '../../src/api/types.js'
import { SqliteStorage } from '../../src/storage/sqlite/sqlite-storage.js'
import type { Write } from '../../src/storage/storage.js'
import { BENCH_NAMESPACE, storedConfigMap } from './configmaps.js'
import { syncSeededFiles } from './sync-seeded-files.js'

// Child process: seeds <dataDir>/watchplane.db through the storage layer (the server's write path
// minus HTTP), durability off (seeding is set-up, not measured): <objects> ConfigMaps, then up to
// <updates> updates spread over them, stopping early when <budgetMs> runs out. The first object
// (historyName) gets every 1000th update until it has <historyRevisions> revisions.
// Prints `SEEDED <json>` with what it wrote.

export interface SeedSummary {
  objects: number
  updates: number
  /** the revision right after the creates: the state every update came after */
  afterCreatesRevision: number
  currentRevision: number
  historyName: string
  historyRevisions: number
  ms: number
  isBudgetExhausted: boolean
}

const [dataDir, objectsText, updatesText, budgetText, historyText] = process.argv.slice(2)
if (!dataDir || !objectsText || !updatesText || !budgetText || !historyText) {
  throw new Error('usage: seed-configmaps.ts <dataDir> <objects> <updates> <budgetMs> <historyRevisions>')
}
const [objects, updates, budgetMs, wantedHistory] = [objectsText, updatesText, budgetText, historyText].map(Number) as [number, number, number, number]
const startedMs = performance.now()
const storage = new SqliteStorage({ path: join(dataDir, 'watchplane.db'), durability: 'off', publisher: { publish: () => {} } })
const CHUNK = 20_000
const nameOf = (i: number) => `cm-${String(i).padStart(5, '0')}`
const metadataOf = new Map<string, Record<string, unknown>>()

const create = (name: string): Write => {
  const object = storedConfigMap(BENCH_NAMESPACE, name, 'created')
  metadataOf.set(name, object.metadata as Record<string, unknown>)
  return {
    key: { resource: 'configmaps', namespace: BENCH_NAMESPACE, name },
    precondition: { type: 'absent' },
    apply: () => ({ type: 'put', object: object as unknown as KubeObject }),
    audit: { verb: 'create', fieldManager: 'bench' },
  }
}

const update = (name: string, i: number): Write => ({
  key: { resource: 'configmaps', namespace: BENCH_NAMESPACE, name },
  precondition: { type: 'present' },
  apply: () => ({ type: 'put', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: metadataOf.get(name)!, data: { probe: `update ${i}` } } as unknown as KubeObject }),
  audit: { verb: 'update', fieldManager: 'bench' },
})

for (let from = 0; from < objects; from += CHUNK) {
  await Promise.all(Array.from({ length: Math.min(CHUNK, objects - from) }, (_, k) => storage.write(create(nameOf(from + k)))))
}
const afterCreatesRevision = storage.currentRevision()
let historyRevisions = 1
let done = 0
while (done < updates && performance.now() - startedMs < budgetMs) {
  const writes: Write[] = []
  for (const end = Math.min(updates, done + CHUNK); done < end; done++) {
    const isHistoryTurn = done % 1000 === 0 && historyRevisions < wantedHistory
    if (isHistoryTurn) historyRevisions += 1
    writes.push(update(isHistoryTurn ? nameOf(0) : nameOf(1 + (done % (objects - 1))), done))
  }
  await Promise.all(writes.map((w) => storage.write(w)))
}
const summary: SeedSummary = {
  objects, updates: done, afterCreatesRevision, currentRevision: storage.currentRevision(),
  historyName: nameOf(0), historyRevisions, ms: performance.now() - startedMs, isBudgetExhausted: done < updates,
}
await storage.close()
syncSeededFiles(dataDir)
process.stdout.write(`SEEDED ${JSON.stringify(summary)}\n`)

import { join } from 'node:path'
import { openDatabase } from '../../src/storage/sqlite/open-database.js'
import { podName, storedPod } from './pods.js'
import { syncSeededFiles } from './sync-seeded-files.js'

// Child process: seeds <dataDir>/watchplane.db with Pods FAST by writing the rows the server's commit
// transaction writes (src/storage/sqlite/commit-write.ts: one events row, whose object_keys and
// key_revisions rows the schema's trigger adds, and the objects row) straight into the same schema
// (migrations applied by openDatabase), 50k rows per transaction, durability off: a million objects
// in seconds, not the minutes the storage layer takes.
// argv: <dataDir> <spec JSON: SeedSpec>. Appends after whatever the file holds. Prints `SEEDED <json>`.

export interface SeedSpec {
  /** Pods created, namespace by namespace */
  groups: Array<{ namespace: string; count: number }>
  /** then this many updates (MODIFIED events), round-robin over the first group's Pods */
  updates: number
}

export interface SeedResult {
  objects: number
  events: number
  currentRevision: number
  ms: number
}

const BATCH = 50_000
const [dataDir, specText] = process.argv.slice(2)
if (!dataDir || !specText) throw new Error('usage: seed-raw-sqlite.ts <dataDir> <spec JSON>')
const spec = JSON.parse(specText) as SeedSpec
const startedMs = performance.now()
const db = openDatabase({ path: join(dataDir, 'watchplane.db'), durability: 'off' })
db.pragma('cache_size = -262144') // 256 MiB while seeding: index pages stay cached

const appendEvent = db.prepare(
  `INSERT INTO events (revision, resource, namespace, name, type, object, prev_revision, verb, field_manager, user_agent, username, committed_at)
   VALUES (?, 'pods', ?, ?, ?, ?, ?, ?, 'bench', 'bench', NULL, ?)`,
)
const insertObject = db.prepare("INSERT INTO objects (resource, namespace, name, revision, created_revision) VALUES ('pods', ?, ?, ?, ?)")
const updateObject = db.prepare("UPDATE objects SET revision = ? WHERE resource = 'pods' AND namespace = ? AND name = ?")

// One stored Pod as text with placeholders: string replacement per row instead of JSON.stringify.
const template = (() => {
  const pod = storedPod('@NS@', '@NAME@')
  return JSON.stringify({ ...pod, metadata: { ...pod.metadata, uid: '@UID@', resourceVersion: '@RV@' } })
})()
const podJson = (namespace: string, name: string, uid: number, revision: number) =>
  template.replace('@NS@', namespace).replace('@NAME@', name).replace('@UID@', `00000000-0000-4000-8000-${uid.toString(16).padStart(12, '0')}`).replace('@RV@', String(revision))

let revision = db.prepare('SELECT coalesce(max(revision), 0) FROM events').pluck().get() as number
let events = 0
const nowMs = Date.now()
/** the first group's Pod i is created at firstCreated + i */
const firstCreated = revision + 1

/** runs `write(i)` for i in [0, count) in transactions of BATCH */
function inBatches(count: number, write: (i: number) => void): void {
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) write(i)
  })
  for (let from = 0; from < count; from += BATCH) batch(from, Math.min(count, from + BATCH))
}

for (const [g, group] of spec.groups.entries()) {
  inBatches(group.count, (i) => {
    revision += 1
    const name = podName(`g${g}`, i)
    const json = podJson(group.namespace, name, revision, revision)
    appendEvent.run(revision, group.namespace, name, 'ADDED', json, null, 'create', nowMs)
    insertObject.run(group.namespace, name, revision, revision)
  })
  events += group.count
}

// Updates: the log gets every one, the snapshot only each Pod's last (what it holds at the end).
const first = spec.groups[0]
if (spec.updates > 0 && first && first.count > 0) {
  const createdAt = firstCreated
  const lastRevision = Float64Array.from({ length: first.count }, (_, i) => createdAt + i)
  inBatches(spec.updates, (u) => {
    const i = u % first.count
    revision += 1
    const name = podName('g0', i)
    appendEvent.run(revision, first.namespace, name, 'MODIFIED', podJson(first.namespace, name, createdAt + i, revision), lastRevision[i]!, 'update', nowMs)
    lastRevision[i] = revision
  })
  inBatches(Math.min(first.count, spec.updates), (i) => {
    const name = podName('g0', i)
    updateObject.run(lastRevision[i]!, first.namespace, name)
  })
  events += spec.updates
}
db.pragma('wal_checkpoint(TRUNCATE)')
db.close()
syncSeededFiles(dataDir)
const objects = spec.groups.reduce((sum, group) => sum + group.count, 0)
const result: SeedResult = { objects, events, currentRevision: revision, ms: performance.now() - startedMs }
process.stdout.write(`SEEDED ${JSON.stringify(result)}\n`)

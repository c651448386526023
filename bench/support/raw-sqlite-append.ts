import { join } from 'node:path'
import { openDatabase } from '../../src/storage/sqlite/open-database.js'
import { podName, storedPod } from './pods.js'

export interface RawAppendOptions {
  dir: string
  /** rows per transaction: 64 mimics a full group commit at 64 clients, 1 a commit per write */
  rowsPerTransaction: number
  durationMs: number
}

/**
 * The ceiling for durable creates: the same two rows per write (one events row with the JSON, its
 * key rows added by the schema's trigger, one objects row naming it) into the same schema with the
 * same pragmas (WAL, synchronous=FULL), with no HTTP, no validation and no JSON parsing. Returns
 * writes per second.
 */
export function rawSqliteAppendsPerSecond(options: RawAppendOptions): number {
  const db = openDatabase({ path: join(options.dir, `raw-${options.rowsPerTransaction}.db`), durability: 'full' })
  const appendEvent = db.prepare(
    `INSERT INTO events (revision, resource, namespace, name, type, object, prev_revision, verb, field_manager, user_agent, username, committed_at)
     VALUES (?, 'pods', 'default', ?, 'ADDED', ?, NULL, 'create', 'node', 'bench', NULL, ?)`,
  )
  const putObject = db.prepare(
    "INSERT INTO objects (resource, namespace, name, revision, created_revision) VALUES ('pods', 'default', ?, ?, ?)",
  )
  const template = JSON.stringify(storedPod('default', '@NAME@'))
  let revision = 0
  const commit = db.transaction((count: number) => {
    const nowMs = Date.now()
    for (let i = 0; i < count; i++) {
      revision += 1
      const name = podName('raw', revision)
      const json = template.replace('@NAME@', name)
      appendEvent.run(revision, name, json, nowMs)
      putObject.run(name, revision, revision)
    }
  })
  const startedMs = performance.now()
  const stopAt = startedMs + options.durationMs
  while (performance.now() < stopAt) commit(options.rowsPerTransaction)
  const elapsedMs = performance.now() - startedMs
  db.close()
  return (revision / elapsedMs) * 1000
}

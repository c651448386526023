import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { startWatchplane } from '../../src/start-watchplane.js'
import { serveCommands } from './command-loop.js'
import { PLAIN_HTTP_OPTIONS } from './plain-http.js'

// Child process: one replica over a PostgreSQL log, in-process through startWatchplane so a case
// can compact it (HTTP offers no compaction). argv: <replyDir> <postgres URL> <revisions per partition>.
// Prints `READY <url>`. Commands: revision; compact { keep } (up to the current revision minus
// `keep`: timed, with the log's partitions counted before and after).

const [replyDir, storage, partitionRevisions] = process.argv.slice(2)
if (!replyDir || !storage || !partitionRevisions) throw new Error('usage: serve-replica-commands.ts <replyDir> <postgres URL> <revisions per partition>')
const wp = await startWatchplane({
  dataDir: mkdtempSync(join(tmpdir(), 'watchplane-bench-replica-')), storage, postgresPartitionRevisions: Number(partitionRevisions), logLevel: 'silent', ...PLAIN_HTTP_OPTIONS,
})

async function partitionCount(): Promise<number> {
  const client = new pg.Client(storage)
  await client.connect()
  try {
    return (await client.query("SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = 'events'::regclass")).rows[0].n as number
  } finally {
    await client.end()
  }
}

async function compact({ keep }: { keep: number }): Promise<{ ms: number; revision: number; partitionsBefore: number; partitionsAfter: number }> {
  const partitionsBefore = await partitionCount()
  const revision = Math.max(0, wp.currentRevision() - keep)
  const startedMs = performance.now()
  await wp.compact(revision)
  return { ms: performance.now() - startedMs, revision, partitionsBefore, partitionsAfter: await partitionCount() }
}

const close = () => wp.close()
serveCommands(replyDir, { revision: () => wp.currentRevision(), compact }, close)
process.once('SIGTERM', () => {
  close().then(() => process.exit(0), () => process.exit(1))
})
process.stdout.write(`READY ${wp.url}\n`)

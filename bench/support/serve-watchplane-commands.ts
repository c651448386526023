import { statSync } from 'node:fs'
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import { startWatchplane } from '../../src/start-watchplane.js'
import { databasePathIn } from '../../src/config/package-dir.js'
import { serveCommands } from './command-loop.js'
import { PLAIN_HTTP_OPTIONS } from './plain-http.js'
import { startRequestStages, stopRequestStages } from './request-stages.js'

// Child process: the server under test, in-process through startWatchplane so a case can reach
// what HTTP does not offer: compaction. argv: <replyDir> <dataDir>. Prints `READY <url>`.
// Commands: revision; loop-delay-start / loop-delay-stop (the event loop's stalls in between);
// compact (up to the current revision, timed, with the event loop's worst stall and the WAL file's growth meanwhile);
// stages-start / stages-stop (where writes spent their time inside the server, request-stages.ts).

const [replyDir, dataDir] = process.argv.slice(2)
if (!replyDir || !dataDir) throw new Error('usage: serve-watchplane-commands.ts <replyDir> <dataDir>')
const wp = await startWatchplane({ dataDir, durability: 'full', logLevel: 'silent', ...PLAIN_HTTP_OPTIONS })

interface LoopDelay {
  maxMs: number
  p99Ms: number
}

let histogram: IntervalHistogram | undefined

function loopDelayStart(): Record<string, never> {
  histogram?.disable()
  histogram = monitorEventLoopDelay({ resolution: 5 })
  histogram.enable()
  return {}
}

function loopDelayStop(): LoopDelay {
  if (!histogram) throw new Error('loop-delay-start first')
  histogram.disable()
  const delay = { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6 }
  histogram = undefined
  return delay
}

const databasePath = databasePathIn(dataDir!)

/** log rows, counted on a connection of our own (outside any measured window) */
function eventRows(): number {
  const db = new Database(databasePath, { readonly: true })
  try {
    return db.prepare('SELECT count(*) FROM events').pluck().get() as number
  } finally {
    db.close()
  }
}

/** The WAL file's size: SQLite keeps its largest size when the WAL starts over, so it grows only when the WAL grows longer than ever. */
const walFileBytes = () => statSync(`${databasePath}-wal`, { throwIfNoEntry: false })?.size ?? 0

async function compact(): Promise<{ ms: number; revision: number; rowsBefore: number; rowsAfter: number; loopDelay: LoopDelay; walBytesBefore: number; walBytesAfter: number }> {
  const rowsBefore = eventRows()
  const walBytesBefore = walFileBytes()
  const revision = wp.currentRevision()
  loopDelayStart()
  const startedMs = performance.now()
  await wp.compact(revision)
  const ms = performance.now() - startedMs
  const loopDelay = loopDelayStop()
  return { ms, revision, rowsBefore, rowsAfter: eventRows(), loopDelay, walBytesBefore, walBytesAfter: walFileBytes() }
}

const close = () => wp.close()
serveCommands(replyDir, { revision: () => wp.currentRevision(), 'loop-delay-start': loopDelayStart, 'loop-delay-stop': loopDelayStop, compact, 'stages-start': startRequestStages, 'stages-stop': stopRequestStages }, close)
process.once('SIGTERM', () => {
  close().then(() => process.exit(0), () => process.exit(1))
})
process.stdout.write(`READY ${wp.url}\n`)

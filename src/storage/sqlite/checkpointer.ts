import { stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

// The worker's whole program: its own connection, a PASSIVE checkpoint every interval. PASSIVE
// never blocks the writer; it copies what it can from the WAL into the database file.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads')
const Database = require(workerData.betterSqlite3)
const db = new Database(workerData.path)
db.pragma('busy_timeout = 1000')
db.pragma('synchronous = ' + workerData.synchronous)
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch (error) { parentPort.postMessage(String(error)) }
}, workerData.intervalMs)
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close() })
`

export interface CheckpointerOptions {
  path: string
  synchronous: string
  intervalMs: number
  onError(message: string): void
}

// The worker starts once the WAL holds what SQLite's own automatic checkpoint waits for (1000
// pages of 4 KiB, SQLITE_DEFAULT_WAL_AUTOCHECKPOINT): a smaller WAL needs no checkpoint yet, and the
// worker (its own thread, V8 heap and connection) costs ~9 MB of RSS and ~50 ms of CPU to start. A
// fresh data dir's seeding leaves ~0.5 MB of WAL: that start, and a server with little to write, never pays for it.
const START_AT_WAL_BYTES = 1000 * 4096

/**
 * Checkpoints the WAL from a worker thread. SQLite's automatic checkpoint runs inside whichever
 * commit crosses the threshold, on the event loop: measured here it stalled the loop 50-100 ms
 * (against 17 ms without it) under compaction. The main connection turns it off and this does it,
 * from when the WAL first reaches START_AT_WAL_BYTES (looked at every interval, off the event loop).
 */
export class Checkpointer {
  #worker: Worker | undefined
  #isStopped = false
  readonly #sizeCheck: NodeJS.Timeout

  constructor(private readonly options: CheckpointerOptions) {
    this.#sizeCheck = setInterval(() => void this.#startWhenLarge(), options.intervalMs).unref()
  }

  async stop(): Promise<void> {
    this.#isStopped = true
    clearInterval(this.#sizeCheck)
    const worker = this.#worker
    if (!worker) return
    // Unref'd so it never keeps a process alive; held while we wait for it to finish.
    worker.ref()
    worker.postMessage('stop')
    await new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  }

  async #startWhenLarge(): Promise<void> {
    // No WAL file (yet, or any more): nothing to checkpoint.
    const walBytes = await stat(`${this.options.path}-wal`).then((s) => s.size, () => 0)
    if (walBytes < START_AT_WAL_BYTES || this.#worker || this.#isStopped) return
    clearInterval(this.#sizeCheck)
    this.#worker = this.#startWorker()
  }

  #startWorker(): Worker {
    const { options } = this
    const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3')
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path: options.path, synchronous: options.synchronous, intervalMs: options.intervalMs, betterSqlite3 },
    })
    worker.on('message', (message: string) => options.onError(message))
    worker.on('error', (error) => options.onError(String(error)))
    worker.unref()
    return worker
  }
}

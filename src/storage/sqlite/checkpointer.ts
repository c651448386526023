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

/**
 * Checkpoints the WAL from a worker thread. SQLite's automatic checkpoint runs inside whichever
 * commit crosses the threshold, on the event loop: measured here it stalled the loop 50-100 ms
 * (against 17 ms without it) under compaction. The main connection turns it off and this does it.
 */
export class Checkpointer {
  readonly #worker: Worker

  constructor(options: CheckpointerOptions) {
    const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3')
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path: options.path, synchronous: options.synchronous, intervalMs: options.intervalMs, betterSqlite3 },
    })
    this.#worker.on('message', (message: string) => options.onError(message))
    this.#worker.on('error', (error) => options.onError(String(error)))
    this.#worker.unref()
  }

  async stop(): Promise<void> {
    // Unref'd so it never keeps a process alive; held while we wait for it to finish.
    this.#worker.ref()
    this.#worker.postMessage('stop')
    await new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()))
  }
}

import { stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

// The worker's whole program: its own connection, a PASSIVE checkpoint every interval. PASSIVE
// never blocks the writer; it copies what it can from the WAL into the database file. Once the WAL
// holds `finishAtFrames`, the worker asks for quiet writers ('quiet?') right after a pass, and on
// 'finish' copies what the writers added during that pass (little: the pass before synced the rest),
// then says so ('finished'). The writer's first commit after the hold rewinds the WAL to its start.
// A writer that writes much (compaction) may pause alone first and ask for one more pass now
// ('pass'): it copies what that writer added, and asks again, or says 'finished' if the WAL started
// over meanwhile. A WAL that a held pass did not start over is asked for again only once it has
// grown by `finishAtFrames` more: holds come at most once per that much WAL.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads')
const { closeSync, fdatasyncSync, openSync } = require('node:fs')
const Database = require(workerData.betterSqlite3)
const db = new Database(workerData.path)
db.pragma('busy_timeout = 1000')
db.pragma('synchronous = ' + workerData.synchronous)
const { finishAtFrames } = workerData
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)')[0]
const reportError = (error) => parentPort.postMessage({ type: 'error', message: String(error) })
// SQLite syncs the database file only in a pass that reaches the WAL's end, which a pass that
// writers add to meanwhile never does. The pages it copied then stay dirty until the pass with
// the writers held, whose sync had them all to write: under compaction 75-160 ms of held writes,
// where this sync after every pass that copied anything leaves that one 1-10 ms.
let checkpointedBefore = 0
function checkpointAndSync() {
  const result = checkpoint()
  if (result.checkpointed !== checkpointedBefore && workerData.synchronous !== 'off') syncDatabaseFile()
  checkpointedBefore = result.checkpointed
  return result
}
function syncDatabaseFile() {
  const fd = openSync(workerData.path, 'r')
  try { fdatasyncSync(fd) } finally { closeSync(fd) }
}
let timer
let askAt = finishAtFrames
const later = () => { timer = setTimeout(pass, workerData.intervalMs) }
function pass(isAskedFor) {
  try {
    const { log } = checkpointAndSync()
    if (log < askAt - finishAtFrames) askAt = finishAtFrames
    if (log >= askAt) return parentPort.postMessage({ type: 'quiet?' })
    if (isAskedFor) parentPort.postMessage({ type: 'finished' })
  } catch (error) { reportError(error) }
  later()
}
function finish() {
  try {
    askAt = checkpoint().log + finishAtFrames
    parentPort.postMessage({ type: 'finished' })
  } catch (error) { reportError(error) }
  later()
}
later()
parentPort.on('message', (message) => {
  if (message === 'finish') return finish()
  if (message === 'pass') return pass(true)
  clearTimeout(timer); db.close(); parentPort.close()
})
`

export interface WritersPaused {
  release(): void
  isQuiet: boolean
}

/** what the worker says: it wants quiet writers, its finishing (or asked-for) pass is done, or an error */
type WorkerMessage = { type: 'quiet?' } | { type: 'finished' } | { type: 'error'; message: string }

export interface CheckpointerOptions {
  path: string
  synchronous: string
  intervalMs: number
  /** the WAL length, in frames, finished with the writer held; FINISH_AT_FRAMES unless a test needs less */
  finishAtFrames?: number
  /**
   * Quiets the writers for a finishing pass, resolving once they are (`isQuiet`), or once only a
   * writer that writes much has paused (`isQuiet: false`: the worker passes once more right away,
   * copying what that writer added, and asks again). `release` lets the paused writers go on.
   */
  quietWriters(): Promise<WritersPaused>
  /** hears how long the writes were held for each finishing pass */
  onWritesHeld?(seconds: number): void
  onError(message: string): void
}

// The worker starts once the WAL holds what SQLite's own automatic checkpoint waits for (1000
// pages of 4 KiB, SQLITE_DEFAULT_WAL_AUTOCHECKPOINT): a smaller WAL needs no checkpoint yet, and the
// worker (its own thread, V8 heap and connection) costs ~9 MB of RSS and ~50 ms of CPU to start. A
// fresh data dir's seeding leaves ~0.5 MB of WAL: that start, and a server with little to write, never pays for it.
const START_AT_WAL_BYTES = 1000 * 4096

// A WAL this long (in 4 KiB pages: 64 MiB) is finished with the writer held, so the file stops
// there. Without it a server writing ~5,000 creates/s without pause grew its WAL by ~20 MB/s (277 MB
// after 30 s): the passes copied everything, but the writer always began its next commit before a
// pass ended, and SQLite rewinds the WAL only for a commit that begins after a complete one. A hold
// measured 3-10 ms on a quiet disk, 16-32 ms on a busy one (the pass syncs the WAL and the database
// file): at 16 MiB it came every ~1.3 s under 3,000 creates/s, often enough to touch the writes' p99;
// at 64 MiB a quarter as often. A reader searches one more hash table of the WAL index per 4096 frames.
const FINISH_AT_FRAMES = 16384

/**
 * Checkpoints the WAL from a worker thread. SQLite's automatic checkpoint runs inside whichever
 * commit crosses the threshold, on the event loop: measured here it stalled the loop 50-100 ms
 * (against 17 ms without it) under compaction. The main connection turns it off and this does it,
 * from when the WAL first reaches START_AT_WAL_BYTES (looked at every interval, off the event loop).
 */
export class Checkpointer {
  #worker: Worker | undefined
  /** the worker ended (an error, or stop): nobody would answer a finishing pass any more */
  #isWorkerGone = false
  #isStopped = false
  /** set while writers are paused for the worker: their releases, and since when all were quiet */
  #paused: { releases: Array<() => void>; quietSinceMs?: number } | undefined
  readonly #sizeCheck: NodeJS.Timeout

  constructor(private readonly options: CheckpointerOptions) {
    this.#sizeCheck = setInterval(() => void this.#startWhenLarge(), options.intervalMs).unref()
  }

  async stop(): Promise<void> {
    this.#isStopped = true
    clearInterval(this.#sizeCheck)
    this.#releaseWrites()
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
      workerData: { path: options.path, synchronous: options.synchronous, intervalMs: options.intervalMs, finishAtFrames: options.finishAtFrames ?? FINISH_AT_FRAMES, betterSqlite3 },
    })
    worker.on('message', (message: WorkerMessage) => void this.#heard(worker, message))
    worker.on('error', (error) => options.onError(String(error)))
    worker.once('exit', () => {
      this.#isWorkerGone = true
      this.#releaseWrites()
    })
    worker.unref()
    return worker
  }

  async #heard(worker: Worker, message: WorkerMessage): Promise<void> {
    if (message.type === 'error') {
      this.#releaseWrites()
      return this.options.onError(message.message)
    }
    if (message.type === 'finished') {
      const quietSinceMs = this.#paused?.quietSinceMs
      this.#releaseWrites()
      if (quietSinceMs !== undefined) this.options.onWritesHeld?.((performance.now() - quietSinceMs) / 1000)
      return
    }
    const paused = await this.options.quietWriters()
    if (this.#isStopped || this.#isWorkerGone) return paused.release()
    // Writers now wait for the worker's answer: it must keep the process alive until then.
    if (!this.#paused) {
      worker.ref()
      this.#paused = { releases: [() => worker.unref()] }
    }
    this.#paused.releases.push(paused.release)
    if (paused.isQuiet) this.#paused.quietSinceMs = performance.now()
    worker.postMessage(paused.isQuiet ? 'finish' : 'pass')
  }

  #releaseWrites(): void {
    for (const release of this.#paused?.releases ?? []) release()
    this.#paused = undefined
  }
}

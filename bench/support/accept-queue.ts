import { execFile } from 'node:child_process'

// How many connections wait in a listening socket's accept queue: handshakes the kernel completed
// (the client already counts as connected) that the server has not yet accepted. Sampled with
// `ss` (Recv-Q of a LISTEN socket) every SAMPLE_MS; Linux only, else nothing is reported.
const SAMPLE_MS = 50

export interface AcceptQueue {
  maxQueued: number
  /** the longest run of samples with a connection waiting, in ms */
  longestNonEmptyMs: number
  samples: number
}

function queuedNow(port: number): Promise<number> {
  return new Promise((resolve) => {
    execFile('ss', ['-Hltn', `sport = :${port}`], (error, stdout) => resolve(error ? NaN : Number(stdout.trim().split(/\s+/)[1])))
  })
}

export function sampleAcceptQueue(port: number): { stop(): AcceptQueue } {
  const result: AcceptQueue = { maxQueued: 0, longestNonEmptyMs: 0, samples: 0 }
  let nonEmptySinceMs: number | undefined
  let isStopped = false
  const loop = async () => {
    while (!isStopped) {
      const queued = await queuedNow(port)
      const nowMs = performance.now()
      if (Number.isFinite(queued)) {
        result.samples += 1
        result.maxQueued = Math.max(result.maxQueued, queued)
        if (queued > 0) nonEmptySinceMs ??= nowMs
        else nonEmptySinceMs = undefined
        if (nonEmptySinceMs !== undefined) result.longestNonEmptyMs = Math.max(result.longestNonEmptyMs, nowMs - nonEmptySinceMs)
      }
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS))
    }
  }
  void loop()
  return {
    stop: () => {
      isStopped = true
      return result
    },
  }
}

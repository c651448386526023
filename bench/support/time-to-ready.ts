import { Agent } from 'node:http'
import { startChild, type Child } from './children.js'
import { readMemoryStatus } from './peak-rss.js'
import { cpuSecondsOf } from './process-cpu.js'
import { timedGet } from './timed-get.js'

const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+/

export interface ReadyTiming {
  /** from spawn to the first 200 from /readyz */
  ms: number
  /** the process' RSS right then */
  rssBytes: number
  /** the CPU time (user + system) it had used by then: steadier than `ms` on a busy machine (10 ms resolution) */
  cpuMs: number
}

/** Spawns `node <args>`, which must print its URL, and times spawn → first 200 from /readyz; stops it after. */
export async function timeToReady(args: string[]): Promise<ReadyTiming> {
  const startedMs = performance.now()
  const child = startChild(process.execPath, args)
  try {
    await untilReady(child)
    const ms = performance.now() - startedMs
    return { ms, rssBytes: readMemoryStatus(child.pid).rssBytes, cpuMs: cpuSecondsOf(child.pid) * 1000 }
  } finally {
    await child.stop()
  }
}

/** Waits for a started server's URL on its output, then for the first 200 from its /readyz. */
export async function untilReady(child: Child): Promise<void> {
  const agent = new Agent({ keepAlive: false })
  try {
    const url = (await child.waitFor(URL_PATTERN, 60_000))[0]
    for (;;) {
      try {
        return void (await timedGet(`${url}/readyz`, agent))
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
    }
  } finally {
    agent.destroy()
  }
}

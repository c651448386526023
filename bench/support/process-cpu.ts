import { readFileSync } from 'node:fs'

const CLOCK_TICKS_PER_SECOND = 100

/** CPU seconds (user + system) another process has used so far, from /proc/<pid>/stat (Linux). */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the parenthesized command name: state is the first, utime the 12th, stime the 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND
}

/** Starts measuring a process' CPU use; stop() gives the cores it used on average since. */
export function trackCpu(pid: number): { stop(): number } {
  const startedCpu = cpuSecondsOf(pid)
  const startedMs = performance.now()
  return { stop: () => (cpuSecondsOf(pid) - startedCpu) / ((performance.now() - startedMs) / 1000) }
}

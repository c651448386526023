import { readFileSync } from 'node:fs'

const CLOCK_TICKS_PER_SECOND = 100

/** Fields of /proc/<pid>/stat after the parenthesized command name (state is fields[0]). */
function statFields(pid: number | 'self'): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
}

/** CPU seconds (user + system) another process has used so far, from /proc/<pid>/stat (Linux). */
export function cpuSecondsOf(pid: number): number {
  // utime is the 12th field after the name, stime the 13th.
  const fields = statFields(pid)
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND
}

/** CPU seconds of the children this process has waited for (cutime + cstime): where an exited child's CPU goes. */
export function reapedChildrenCpuSeconds(): number {
  const fields = statFields('self')
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS_PER_SECOND
}

/** Starts measuring a process' CPU use; stop() gives the cores it used on average since. */
export function trackCpu(pid: number): { stop(): number } {
  const time = trackCpuTime(pid)
  return { stop: () => time.stop().cores }
}

export interface CpuTime {
  /** CPU seconds used since tracking began (10 ms resolution: /proc counts clock ticks) */
  seconds: number
  /** the same over the wall time, in cores */
  cores: number
}

/** Starts measuring a process' CPU time, for CPU per operation: stop() gives seconds and cores since. */
export function trackCpuTime(pid: number): { stop(): CpuTime } {
  const startedCpu = cpuSecondsOf(pid)
  const startedMs = performance.now()
  return {
    stop: () => {
      const seconds = cpuSecondsOf(pid) - startedCpu
      return { seconds, cores: seconds / ((performance.now() - startedMs) / 1000) }
    },
  }
}

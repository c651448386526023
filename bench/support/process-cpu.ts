import { readdirSync, readFileSync } from 'node:fs'

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

/**
 * CPU nanoseconds each live thread of a process has run, from /proc/<pid>/task/<tid>/schedstat
 * (its first field): exact, where /proc/<pid>/stat counts 10 ms clock ticks. A thread that exits
 * takes its count with it, so a caller compares the same threads only.
 */
function threadCpuNanos(pid: number): Map<string, number> {
  const byThread = new Map<string, number>()
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      byThread.set(tid, Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]))
    } catch {
      // the thread exited while we listed them (or the kernel keeps no schedstat: then none is read)
    }
  }
  return byThread
}

export interface CpuTime {
  /** CPU seconds used since tracking began (exact while the process' threads stay the same; else to 10 ms: /proc's clock ticks) */
  seconds: number
  /** the same over the wall time, in cores */
  cores: number
}

/** Starts measuring a process' CPU time, for CPU per operation: stop() gives seconds and cores since. */
export function trackCpuTime(pid: number): { stop(): CpuTime } {
  const startedCpu = cpuSecondsOf(pid)
  const startedThreads = threadCpuNanos(pid)
  const startedMs = performance.now()
  return {
    stop: () => {
      const ticked = cpuSecondsOf(pid) - startedCpu
      const threads = threadCpuNanos(pid)
      const isSameThreads = threads.size > 0 && threads.size === startedThreads.size && [...threads.keys()].every((tid) => startedThreads.has(tid))
      const seconds = isSameThreads ? [...threads].reduce((sum, [tid, nanos]) => sum + nanos - startedThreads.get(tid)!, 0) / 1e9 : ticked
      return { seconds, cores: seconds / ((performance.now() - startedMs) / 1000) }
    },
  }
}

import { readFileSync } from 'node:fs'

/**
 * The machine's load right now: the 1-minute load average and, where the kernel has PSI, the share
 * of the last 10 s in which some runnable task waited for a CPU. Other processes on a shared
 * machine take CPU from the server under test, so every case prints this beside its figures.
 */
export function describeMachineLoad(): string {
  const loadAverage = readFileSync('/proc/loadavg', 'utf8').split(' ')[0]
  let pressure = ''
  try {
    const some = /^some avg10=(\S+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1]
    if (some) pressure = `, CPU pressure ${some}% (share of the last 10 s some task waited for a CPU)`
  } catch {
    // no PSI on this kernel
  }
  return `load average ${loadAverage}${pressure}`
}

import { readFileSync } from 'node:fs'
import { livePids } from './children.js'
import { cpuSecondsOf, reapedChildrenCpuSeconds } from './process-cpu.js'

const CLOCK_TICKS_PER_SECOND = 100

/** `some total=` of /proc/pressure/cpu: µs in which some runnable task waited for a CPU; undefined without PSI. */
function pressureTotalUs(): number | undefined {
  try {
    const total = /^some .*total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1]
    return total === undefined ? undefined : Number(total)
  } catch {
    return undefined
  }
}

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

/** Busy CPU seconds of the whole machine so far: every CPU's time minus idle and iowait (/proc/stat). */
function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  // user nice system idle iowait irq softirq steal (guest time is already inside user)
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields
  return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS_PER_SECOND
}

const cpuOrZero = (pid: number) => {
  try {
    return cpuSecondsOf(pid)
  } catch {
    return 0 // exited in between: its CPU moved to our reaped children's count
  }
}

/**
 * CPU seconds of the bench itself: this process, the children it waited for, and those still
 * running. A child running at both ends counts its difference; one that exited in between moved
 * its whole life's CPU into the reaped count, minus what it was counted with at the start: its part.
 */
function benchCpuSeconds(): number {
  const self = process.cpuUsage()
  return (self.user + self.system) / 1e6 + reapedChildrenCpuSeconds() + livePids().reduce((sum, pid) => sum + cpuOrZero(pid), 0)
}

export interface MachineLoad {
  /** cores the rest of the machine (other users, other helpers' tests) took meanwhile, on average */
  othersCores: number
  /** share of the time some task waited for a CPU (PSI `some`), ours included; undefined without PSI */
  pressureShare: number | undefined
  cpus: number
}

/**
 * Starts watching who uses the machine: stop() gives the cores other processes took meanwhile
 * (machine busy time minus the bench's own process tree) and the CPU pressure. A case's own
 * processes can saturate both cores by design, so pressure alone cannot tell a noisy neighbour
 * from a busy case; the CPU used outside the bench can.
 */
export function trackMachineLoad(): { stop(): MachineLoad } {
  const startedMs = performance.now()
  const machineAt = machineBusySeconds()
  const benchAt = benchCpuSeconds()
  const pressureAt = pressureTotalUs()
  return {
    stop: () => {
      const wallSeconds = (performance.now() - startedMs) / 1000
      const benchSeconds = benchCpuSeconds() - benchAt
      const pressureNow = pressureTotalUs()
      return {
        othersCores: Math.max(0, (machineBusySeconds() - machineAt - benchSeconds) / wallSeconds),
        pressureShare: pressureAt === undefined || pressureNow === undefined ? undefined : (pressureNow - pressureAt) / 1e6 / wallSeconds,
        cpus: readFileSync('/proc/stat', 'utf8').split('\n').filter((line) => /^cpu\d/.test(line)).length,
      }
    },
  }
}

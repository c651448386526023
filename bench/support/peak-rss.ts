import { readFileSync, writeFileSync } from 'node:fs'

export interface MemoryStatus {
  rssBytes: number
  /** peak RSS since start, or since the last resetPeakRss() */
  peakRssBytes: number
}

/** VmRSS and VmHWM of another process, from /proc/<pid>/status (Linux). */
export function readMemoryStatus(pid: number): MemoryStatus {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024
  return { rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM') }
}

/**
 * Resets VmHWM to the current RSS (proc(5): writing 5 to clear_refs), so a later VmHWM is the peak
 * of what happened in between. Returns false where that is not allowed; then use sampleRss().
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}

/** Polls VmRSS every `everyMs` until stopped; the fallback when VmHWM cannot be reset. */
export function sampleRss(pid: number, everyMs = 5): { stop(): number } {
  let peak = readMemoryStatus(pid).rssBytes
  const timer = setInterval(() => (peak = Math.max(peak, readMemoryStatus(pid).rssBytes)), everyMs)
  return {
    stop: () => {
      clearInterval(timer)
      return Math.max(peak, readMemoryStatus(pid).rssBytes)
    },
  }
}

/** Tracks how far a process' RSS rises above where it stood when tracking began. */
export function trackRssGrowth(pid: number): { stop(): number } {
  const baseline = readMemoryStatus(pid).rssBytes
  const canReset = resetPeakRss(pid)
  const sampler = sampleRss(pid)
  return {
    stop: () => {
      const sampled = sampler.stop()
      const peak = canReset ? Math.max(sampled, readMemoryStatus(pid).peakRssBytes) : sampled
      return peak - baseline
    },
  }
}

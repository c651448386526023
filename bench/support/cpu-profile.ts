import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CaseContext } from './bench-case.js'
import { REPO_ROOT } from './children.js'

/** node flags that make the server child write a .cpuprofile into the case's directory on exit, when asked */
export const cpuProfileFlags = (ctx: CaseContext): string[] => (ctx.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', ctx.cpuProfileDir] : [])

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

// tsx compiles .ts files without source maps in the profile, so their line numbers mean nothing.
const where = (url: string, line: number) => {
  if (!url) return ''
  const path = url.startsWith('file://') ? relative(REPO_ROOT, fileURLToPath(url)) : url
  return path.endsWith('.ts') ? ` ${path}` : ` ${path}:${line + 1}`
}

interface SelfTimes {
  file: string
  totalUs: number
  busyUs: number
  selfUs: Map<string, number>
  /** the same summed per source file; entries without one (GC, program, native bindings) under one name, idle left out */
  fileUs: Map<string, number>
}

function selfTimesOf(file: string): SelfTimes {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const nameOf = new Map(profile.nodes.map((n) => [n.id, `${n.callFrame.functionName || '(anonymous)'}${where(n.callFrame.url, n.callFrame.lineNumber)}`]))
  const selfUs = new Map<string, number>()
  const fileOf = new Map(profile.nodes.map((n) => [n.id, where(n.callFrame.url, n.callFrame.lineNumber).trim().replace(/:\d+$/, '')]))
  const fileUs = new Map<string, number>()
  // Sample i is charged the time since sample i-1 (timeDeltas[i]), not DevTools' time until i+1: a
  // thread blocked in fsync takes its sample when the syscall returns, with the blocked caller on the
  // stack, so the gap belongs to that stack and not to whatever ran before the block.
  profile.samples.forEach((id, i) => {
    const name = nameOf.get(id) ?? '?'
    selfUs.set(name, (selfUs.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0))
    const file = name === '(idle)' ? undefined : fileOf.get(id) || '(no file: GC, program, native bindings such as writev)'
    if (file) fileUs.set(file, (fileUs.get(file) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0)
  return { file, totalUs, busyUs: totalUs - (selfUs.get('(idle)') ?? 0), selfUs, fileUs }
}

/** self time summed per source file: which module the time goes to, when functions are many and small */
function byFile({ busyUs, fileUs }: SelfTimes, top: number): string[] {
  return [...fileUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([file, us]) => `  ${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / busyUs).toFixed(1).padStart(5)}%  ${file}`)
}

/**
 * The busiest .cpuprofile in `dir` as its top self-time functions. node --cpu-prof writes one per
 * thread on exit, and tsx's loader runs on a worker thread: the busiest one is the server's main thread.
 */
export function summarizeCpuProfile(dir: string, top: number): string {
  const profiles = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => selfTimesOf(join(dir, f)))
  const busiest = profiles.sort((a, b) => b.busyUs - a.busyUs)[0]
  if (!busiest) return `no .cpuprofile in ${dir}`
  const { file, totalUs, busyUs, selfUs } = busiest
  const lines = [...selfUs.entries()]
    .filter(([name]) => name !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => `  ${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / busyUs).toFixed(1).padStart(5)}%  ${name}`)
  const head = `CPU profile of the server child (${file}): ${(totalUs / 1e6).toFixed(1)} s, ${(busyUs / 1e6).toFixed(1)} s not idle; top ${top} by self time (% of not idle):`
  return [head, ...lines, `  by file (tsx leaves no line numbers; a blocking call such as a COMMIT's fsync counts as its caller's time):`, ...byFile(busiest, top)].join('\n')
}

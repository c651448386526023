import { execFileSync } from 'node:child_process'
import { startChild } from './children.js'
import { untilReady } from './time-to-ready.js'

// --trace-opt's line when V8 decides to optimize a function, e.g.
// `[marking 0x… <JSFunction normalizeString (sfi = 0x…)> for optimization to TURBOFAN, ConcurrencyMode::kConcurrent, reason: hot and stable]`
const MARKED = /\[marking 0x[0-9a-f]+ <JSFunction ([^ >]*)[^\]]*for optimization to TURBOFAN/g

/**
 * V8's --interrupt-budget for this node (67584 in node 20): how much bytecode a function runs
 * between V8's checks whether to optimize it. A function is optimized after a few such checks.
 */
export function defaultInterruptBudget(): number {
  const options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' })
  const budget = /default: --interrupt-budget=(\d+)/.exec(options)?.[1]
  if (budget === undefined) throw new Error('node --v8-options names no --interrupt-budget')
  return Number(budget)
}

/**
 * The functions V8 marks for TurboFan while `node <args>` (a server that prints its URL) starts,
 * until its first 200 from /readyz, as --trace-opt prints them (V8 buffers them: they are read once
 * the child stopped, so the few milliseconds of its shutdown count too). Optimizing any function
 * pages TurboFan's code in: ~4 MB of RSS. With `interruptBudget` below V8's default, the functions
 * within that share of being optimized are listed as well: how close start-up is to that.
 */
export async function optimizedByReady(args: string[], interruptBudget: number): Promise<string[]> {
  const child = startChild(process.execPath, ['--trace-opt', `--interrupt-budget=${interruptBudget}`, ...args])
  let stdout = ''
  child.process.stdout!.on('data', (text: string) => (stdout += text))
  const isRead = new Promise((resolve) => child.process.stdout!.once('close', resolve))
  try {
    await untilReady(child)
  } finally {
    await child.stop()
  }
  await isRead
  return [...stdout.matchAll(MARKED)].map((match) => match[1]!)
}

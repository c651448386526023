import { readFileSync } from 'node:fs'
import { startChild, type Child } from './children.js'

export interface CommandChild {
  readonly child: Child
  /** sends one command and resolves with the child's JSON reply */
  request<T = unknown>(command: string, arg?: unknown, timeoutMs?: number): Promise<T>
}

export interface CommandChildOptions {
  /** arguments after replyDir */
  args?: readonly string[]
  /** node flags before the entry, e.g. --cpu-prof */
  nodeFlags?: readonly string[]
}

let nextId = 0

/**
 * Starts a bench/support entry under `node --import tsx` with a stdin to send commands on
 * (command-loop.ts is the other side). `replyDir` receives the reply files; the child's first
 * argument. The child is one of children.ts' children: killed on every exit path of run.ts.
 */
export function startCommandChild(entry: string, replyDir: string, options: CommandChildOptions = {}): CommandChild {
  const { args = [], nodeFlags = [] } = options
  const child = startChild(process.execPath, [...nodeFlags, '--import', 'tsx', `bench/support/${entry}`, replyDir, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  return {
    child,
    async request<T>(command: string, arg?: unknown, timeoutMs = 60_000): Promise<T> {
      const id = `c${++nextId}`
      child.process.stdin!.write(`${command} ${id} ${JSON.stringify(arg ?? null)}\n`)
      const match = await child.waitFor(new RegExp(`^(OK|ERR) ${id} (.*)$`, 'm'), timeoutMs)
      if (match[1] === 'ERR') throw new Error(`${entry} ${command}: ${match[2]}`)
      return JSON.parse(readFileSync(match[2]!, 'utf8')) as T
    },
  }
}

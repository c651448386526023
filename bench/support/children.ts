import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface Child {
  readonly process: ChildProcess
  readonly pid: number
  /** resolves with the first match of `pattern` in stdout; rejects on exit or after `timeoutMs` */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it exited */
  stop(graceMs?: number): Promise<void>
}

const running = new Set<ChildProcess>()

/** The pids of the children still running: machine-load.ts counts their CPU as the bench's own. */
export const livePids = (): number[] => [...running].flatMap((child) => (child.pid === undefined ? [] : [child.pid]))

/** Kills every child still running; safe to call from an exit handler (synchronous). */
export function killAllChildren(): void {
  for (const child of running) child.kill('SIGKILL')
  running.clear()
}

/** Starts a child process whose stdout is scanned for readiness lines; stderr is kept for errors. */
export function startChild(command: string, args: readonly string[], options: SpawnOptions = {}): Child {
  const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...options })
  if (child.pid === undefined) throw new Error(`could not start ${command}`)
  running.add(child)
  let stdout = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (stdout = (stdout + text).slice(-65536)))
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(-8192)))
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    running.delete(child)
    resolve()
  }))
  return {
    process: child,
    pid: child.pid,
    waitFor: (pattern, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout)
          if (!match) return
          finish()
          resolve(match)
        }
        const onExit = () => {
          finish()
          reject(new Error(`${command} exited before printing ${pattern}: ${stderr.trim().slice(-2000)}`))
        }
        const timer = setTimeout(() => {
          finish()
          reject(new Error(`${command} printed no ${pattern} within ${timeoutMs} ms: ${stderr.trim().slice(-2000)}`))
        }, timeoutMs)
        const finish = () => {
          clearTimeout(timer)
          child.stdout!.off('data', check)
          child.off('exit', onExit)
        }
        child.stdout!.on('data', check)
        child.once('exit', onExit)
        check()
        if (child.exitCode !== null && !pattern.exec(stdout)) onExit()
      }),
    stop: async (graceMs = 5000) => {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      await exited
      clearTimeout(timer)
    },
  }
}

/** Starts a TypeScript entry under `node --import tsx`, with extra node flags (e.g. --cpu-prof) first. */
export function startTsChild(entry: string, args: readonly string[] = [], nodeFlags: readonly string[] = []): Child {
  return startChild(process.execPath, [...nodeFlags, '--import', 'tsx', entry, ...args])
}

import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { rememberServerFromKubeconfig } from './server-credentials.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BUILT_MAIN = join(ROOT, 'dist/src/main.js')

function newestMtimeMs(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs)
  }
  return newest
}

/**
 * How to run the real `watchplane` command: bin/watchplane.js, which runs the build in dist/ (as
 * `npm start` and an installed package do), when that build is newer than every source and
 * migration; otherwise the sources through tsx, so a stale dist/ is never what a test checks.
 */
export function watchplaneCommand(): { args: string[]; isBuilt: boolean } {
  let builtMs = 0
  try {
    builtMs = statSync(BUILT_MAIN).mtimeMs
  } catch {
    // no build
  }
  const isBuilt = builtMs > Math.max(newestMtimeMs(join(ROOT, 'src')), newestMtimeMs(join(ROOT, 'migrations')))
  return { args: isBuilt ? [join(ROOT, 'bin/watchplane.js')] : ['--import', 'tsx', join(ROOT, 'src/main.ts')], isBuilt }
}

/** The real command serving a data dir, in its own process. */
export interface CliServer {
  child: ChildProcess
  dataDir: string
  /** the URL it printed */
  url: string
  /** from spawn to the printed URL: the server is ready */
  readyMs: number
  /** its JSON log lines so far, parsed */
  logLines(): Array<Record<string, unknown>>
  /** SIGKILL: no shutdown, no last checkpoint; resolves once the process is gone */
  kill9(): Promise<void>
  /** SIGTERM: a clean stop */
  stop(): Promise<void>
}

/** Starts `watchplane --port 0 --data-dir <dir>` and resolves once it prints the URL it serves. */
export function startCliServer(dataDir: string, flags: string[] = []): Promise<CliServer> {
  const startedMs = performance.now()
  const child = spawn(process.execPath, [...watchplaneCommand().args, '--port', '0', '--data-dir', dataDir, ...flags], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name)
    return exited
  }
  return new Promise((resolve, reject) => {
    child.once('exit', (code, how) => reject(new Error(`watchplane exited (${how ?? code}) before serving: ${stderr.slice(-2000)}`)))
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const match = /serving (https?:\/\/\S+)/.exec(stdout)
      if (!match) return
      child.stdout!.removeAllListeners('data').on('data', (more: string) => (stdout += more))
      // It serves https with the data dir's CA: the helpers here reach it as the admin of its kubeconfig.
      if (match[1]!.startsWith('https:')) rememberServerFromKubeconfig(match[1]!, join(dataDir, 'kubeconfig'))
      resolve({
        child, dataDir, url: match[1]!, readyMs: performance.now() - startedMs,
        logLines: () => stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>),
        kill9: () => signal('SIGKILL'),
        stop: () => signal('SIGTERM'),
      })
    })
  })
}

import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_DIR = fileURLToPath(new URL('../../../', import.meta.url))

export interface CommandResult {
  code: number | null
  stdout: string
  stderr: string
  elapsedMs: number
}

/** Runs a command to completion (killed past `timeoutMs`); never throws for a non-zero exit. */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const startedMs = performance.now()
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
    child.once('error', reject)
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, elapsedMs: performance.now() - startedMs })
    })
  })
}

export interface StartedProcess {
  child: ChildProcess
  /** the first stdout match of the pattern that ended the wait */
  match: RegExpExecArray
  /** from spawn to that line */
  readyMs: number
  /** SIGTERM to the whole process group (npx does not pass signals on); resolves with the exit code */
  stop(): Promise<number | null>
}

/**
 * Spawns a long-running command in its own process group and resolves when its stdout matches
 * `ready` (rejects, after killing it, if it exits first or is not ready in time).
 */
export function startUntil(command: string, args: string[], options: { cwd: string; ready: RegExp; timeoutMs?: number; stdin?: 'pipe' }): Promise<StartedProcess> {
  return new Promise((resolve, reject) => {
    const startedMs = performance.now()
    const child = spawn(command, args, { cwd: options.cwd, stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'], detached: true })
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
    const stop = () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM')
      return exited
    }
    let output = ''
    const fail = (why: string) => {
      clearTimeout(timer)
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL')
      reject(new Error(`${command} ${args.join(' ')}: ${why}\n${output}`))
    }
    const timer = setTimeout(() => fail('not ready in time'), options.timeoutMs ?? 20_000)
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString()
      const match = options.ready.exec(output)
      if (!match) return
      clearTimeout(timer)
      child.off('exit', onEarlyExit)
      resolve({ child, match, readyMs: performance.now() - startedMs, stop })
    })
    const onEarlyExit = (code: number | null) => fail(`exited with ${code} before it was ready`)
    child.once('exit', onEarlyExit)
  })
}

export interface PackedPackage {
  tarball: string
  /** paths inside the tarball, as `npm pack --json` lists them */
  files: string[]
  /** the copy that was packed: its dist/ is a fresh build, for the built checkout's start time */
  checkoutDir: string
  packMs: number
}

/**
 * `npm pack` of the checkout as it is now (tracked and new files, uncommitted edits included), done in
 * a copy so the checkout's own dist/ is never rebuilt under other tests. The copy borrows the
 * checkout's node_modules for the build that `npm pack` runs (prepack, then prepare).
 */
export async function packCheckout(workDir: string): Promise<PackedPackage> {
  const checkoutDir = join(workDir, 'checkout')
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_DIR, encoding: 'utf8' })
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`)
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    mkdirSync(dirname(join(checkoutDir, file)), { recursive: true })
    cpSync(join(REPO_DIR, file), join(checkoutDir, file))
  }
  symlinkSync(join(REPO_DIR, 'node_modules'), join(checkoutDir, 'node_modules'))
  const packed = await run('npm', ['pack', '--json', '--pack-destination', workDir], { cwd: checkoutDir, timeoutMs: 180_000 })
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`)
  const [report] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>
  return { tarball: join(workDir, report!.filename), files: report!.files.map((f) => f.path), checkoutDir, packMs: packed.elapsedMs }
}

/**
 * better-sqlite3's install script runs prebuild-install, which downloads a prebuilt binary from
 * GitHub, or else compiles SQLite from source (about two minutes here). There is no network for the
 * download, so prebuild-install finds the same binary through its documented `local-prebuilds`
 * setting (read from a `.prebuild-installrc` in the project): the checkout's own build of the same
 * version, packed under the name prebuild-install looks for. The install script still runs as for
 * any user, and falls back to compiling if the name does not match.
 */
function writeLocalPrebuild(workDir: string, appDir: string): void {
  const dir = join(workDir, 'prebuilds')
  mkdirSync(dir, { recursive: true })
  const moduleDir = join(REPO_DIR, 'node_modules', 'better-sqlite3')
  const { version } = JSON.parse(readFileSync(join(moduleDir, 'package.json'), 'utf8')) as { version: string }
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`
  const tar = spawnSync('tar', ['czf', join(dir, name), '-C', moduleDir, 'build/Release/better_sqlite3.node'], { encoding: 'utf8' })
  if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`)
  writeFileSync(join(appDir, '.prebuild-installrc'), `local-prebuilds=${dir}\n`)
}

/** An empty project, then `npm install <tarball>` as a user runs it, from npm's cache where it can. */
export async function installInFreshProject(workDir: string, tarball: string): Promise<{ appDir: string; installMs: number }> {
  const appDir = join(workDir, 'app')
  mkdirSync(appDir)
  writeFileSync(join(appDir, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }))
  writeLocalPrebuild(workDir, appDir)
  const installed = await run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], { cwd: appDir, timeoutMs: 300_000 })
  if (installed.code !== 0) throw new Error(`npm install failed:\n${installed.stderr}`)
  return { appDir, installMs: installed.elapsedMs }
}

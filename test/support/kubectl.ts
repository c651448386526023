import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Under CI=true a missing kubectl fails the suite; elsewhere the kubectl tests are skipped with a reason. */
export function kubectlAvailability(): { skip: false } | { skip: string } {
  const found = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0
  if (found) return { skip: false }
  if (process.env.CI === 'true') throw new Error('kubectl is not on PATH, and CI=true requires it')
  return { skip: 'kubectl is not on PATH' }
}

export interface KubectlResult {
  code: number
  stdout: string
  stderr: string
}

/** kubectl against one server, with its own discovery cache so tests never see each other's. */
export class Kubectl {
  readonly #base: string[]
  readonly #env: NodeJS.ProcessEnv

  constructor(kubeconfigPath: string, readonly workDir = mkdtempSync(join(tmpdir(), 'kubectl-'))) {
    this.#base = ['--kubeconfig', kubeconfigPath, '--cache-dir', join(this.workDir, 'cache')]
    this.#env = { ...process.env, HOME: this.workDir, KUBECONFIG: kubeconfigPath }
  }

  /** runs to completion; never throws for a non-zero exit */
  run(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<KubectlResult> {
    return new Promise((resolve, reject) => {
      const child = spawn('kubectl', [...this.#base, ...args], { env: { ...this.#env, ...options.env } })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000)
      child.on('error', reject)
      child.on('close', (code) => {
        clearTimeout(timer)
        resolve({ code: code ?? -1, stdout, stderr })
      })
      child.stdin.end(options.input ?? '')
    })
  }

  /** runs and expects success; returns stdout */
  async ok(args: string[], options?: { input?: string; env?: NodeJS.ProcessEnv }): Promise<string> {
    const result = await this.run(args, options)
    if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${result.code}: ${result.stderr}`)
    return result.stdout
  }

  /** starts a long-running kubectl (get -w) and collects its output */
  background(args: string[]): { child: ChildProcess; output: () => string } {
    const child = spawn('kubectl', [...this.#base, ...args], { env: this.#env })
    let output = ''
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
    return { child, output: () => output }
  }

  /** writes a manifest into the work dir and returns its path */
  file(name: string, content: string): string {
    const path = join(this.workDir, name)
    writeFileSync(path, content)
    return path
  }
}

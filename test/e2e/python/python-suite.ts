import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'

/** Debian's own python3, which has python3-kubernetes; a pyenv python3 may come first on PATH. */
export const PYTHON = '/usr/bin/python3'
const RUNNER = fileURLToPath(new URL('../../python/run_tests.py', import.meta.url))
const SUITE_TIMEOUT_MS = 180_000

/** Under CI=true a missing python or kubernetes module fails the suite; elsewhere it is skipped with a reason. */
export function pythonClientAvailability(): { skip: false } | { skip: string } {
  const probe = spawnSync(PYTHON, ['-c', 'import kubernetes'], { encoding: 'utf8' })
  if (probe.status === 0) return { skip: false }
  const why = probe.error ? `${PYTHON} is missing` : `${PYTHON} cannot import kubernetes (apt-get install python3-kubernetes)`
  if (process.env.CI === 'true') throw new Error(`${why}, and CI=true requires the python client`)
  return { skip: why }
}

/** One python test's outcome, as test/python/run_tests.py records it. */
export interface PythonTestRecord {
  name: string
  outcome: 'pass' | 'fail' | 'skip'
  details: string
  durationMs: number
}

export interface PythonSuiteRun {
  records: PythonTestRecord[]
  exitCode: number | null
  /** unittest's verbose report (and any crash) */
  stderr: string
}

/** The test driver's own endpoint for the python side: POST /compact compacts the server's history. */
function startControl(server: RunningWatchplane): Promise<Server> {
  const control = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/compact') return void res.writeHead(404).end()
    const revision = server.currentRevision()
    server.compact(revision).then(
      () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ compactedRevision: revision })),
      (error: unknown) => res.writeHead(500).end(String(error)),
    )
  })
  return new Promise((resolve) => control.listen(0, '127.0.0.1', () => resolve(control)))
}

/** Runs every test in test/python against `server` in one python process, and collects each test's outcome. */
export async function runPythonSuite(server: RunningWatchplane): Promise<PythonSuiteRun> {
  const control = await startControl(server)
  const workDir = mkdtempSync(join(tmpdir(), 'watchplane-python-'))
  const resultPath = join(workDir, 'results.jsonl')
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KUBECONFIG: server.kubeconfigPath!,
    WATCHPLANE_CONTROL_URL: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
    PYTHONDONTWRITEBYTECODE: '1',
    HOME: workDir,
  }
  delete env.PYTHONPATH
  delete env.PYTHONHOME
  try {
    const { exitCode, stderr } = await new Promise<{ exitCode: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(PYTHON, [RUNNER, resultPath], { env, stdio: ['ignore', 'inherit', 'pipe'] })
      let stderr = ''
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      const timer = setTimeout(() => child.kill('SIGKILL'), SUITE_TIMEOUT_MS)
      child.once('error', reject)
      child.once('close', (code) => {
        clearTimeout(timer)
        resolve({ exitCode: code, stderr })
      })
    })
    // One JSON line per finished test: whatever finished is reported even if the run was killed.
    const lines = existsSync(resultPath) ? readFileSync(resultPath, 'utf8').split('\n').filter(Boolean) : []
    const records = lines.map((line) => JSON.parse(line) as PythonTestRecord)
    return { records, exitCode, stderr }
  } finally {
    control.close()
    rmSync(workDir, { recursive: true, force: true })
  }
}

import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const BIN = fileURLToPath(new URL('../../../bin/watchplane.js', import.meta.url))

/** One watchplane server process, a replica over the shared log. */
export interface Replica {
  url: string
  child: ChildProcess
  isAlive: boolean
}

/** Starts the real command in its own process on `storageUrl`; resolves once it prints its URL. */
export async function spawnReplica(storageUrl: string, extraArgs: string[] = []): Promise<Replica> {
  const dataDir = mkdtempSync(join(tmpdir(), 'watchplane-replica-'))
  const child = spawn(process.execPath, [BIN, '--port', '0', '--data-dir', dataDir, '--storage', storageUrl, '--log-level', 'error', ...extraArgs], { stdio: ['ignore', 'pipe', 'inherit'] })
  child.once('exit', () => rmSync(dataDir, { recursive: true, force: true }))
  process.once('exit', () => child.kill('SIGKILL'))
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const match = /serving (http:\/\/\S+)/.exec(out)
      if (match) resolve(match[1]!)
    })
    child.once('exit', (code) => reject(new Error(`replica exited ${code} before serving`)))
  })
  const replica: Replica = { url, child, isAlive: true }
  child.once('exit', () => (replica.isAlive = false))
  return replica
}

export function killReplica(replica: Replica): void {
  replica.isAlive = false
  replica.child.kill('SIGKILL')
}

export async function stopReplicas(replicas: readonly Replica[]): Promise<void> {
  await Promise.all(replicas.filter((r) => r.isAlive).map((r) => new Promise<void>((resolve) => {
    r.child.once('exit', () => resolve())
    r.child.kill('SIGTERM')
  })))
}

/** The replica at `index`, or the next one still alive. */
export function aliveFrom(replicas: readonly Replica[], index: number): Replica {
  for (let i = 0; i < replicas.length; i++) {
    const replica = replicas[(index + i) % replicas.length]!
    if (replica.isAlive) return replica
  }
  throw new Error('no replica is alive')
}

/** One row of the shared log, read straight from PostgreSQL: the ground truth the replicas must match. */
export interface LogRow {
  revision: number
  type: string
  name: string
}

export async function readLog(storageUrl: string, namespace: string): Promise<LogRow[]> {
  const client = new pg.Client(storageUrl)
  await client.connect()
  try {
    const { rows } = await client.query(
      "SELECT revision::int AS revision, type, name FROM events WHERE resource = 'configmaps' AND namespace = $1 ORDER BY revision",
      [namespace],
    )
    return rows as LogRow[]
  } finally {
    await client.end()
  }
}

/** name → resourceVersion of every object at `revision`, computed from the log. */
export function stateAt(log: readonly LogRow[], revision: number): Map<string, number> {
  const state = new Map<string, number>()
  for (const row of log) {
    if (row.revision > revision) break
    if (row.type === 'DELETED') state.delete(row.name)
    else state.set(row.name, row.revision)
  }
  return state
}

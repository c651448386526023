import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { eventually } from './eventually.js'

// Throwaway PostgreSQL clusters (and PgBouncers) for the tests: initdb in a temp dir, on loopback
// and an ephemeral port, with fsync off (a killed server process loses nothing the OS has; only a
// machine crash would). PostgreSQL refuses to run as root, so as root everything runs as the
// `postgres` user that Debian's package creates.

function findBinDir(): string | undefined {
  const fromEnv = process.env.WATCHPLANE_PG_BIN
  if (fromEnv) return existsSync(join(fromEnv, 'initdb')) ? fromEnv : undefined
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : []
  return versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'initdb')))
}

const BIN_DIR = findBinDir()
const PGBOUNCER = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((path) => existsSync(path))

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export const postgresMissing = BIN_DIR ? undefined : 'PostgreSQL is not installed (apt-get install postgresql, or set WATCHPLANE_PG_BIN)'
export const pgbouncerMissing = PGBOUNCER ? undefined : 'PgBouncer is not installed (apt-get install pgbouncer)'

// Under CI=true a missing PostgreSQL fails the tests that need it (they run and cannot start it);
// elsewhere they are skipped with the reason.
const isCi = process.env.CI === 'true'
/** node:test options for a test that needs PostgreSQL */
export const needsPostgres = { skip: isCi ? false : (postgresMissing ?? false) }
/** node:test options for a test that needs PostgreSQL and PgBouncer */
export const needsPgBouncer = { skip: isCi ? false : (postgresMissing ?? pgbouncerMissing ?? false) }

function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined
  return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    }).on('error', reject)
  })
}

function ownedTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const user = postgresUser()
  if (user) chownSync(dir, user.uid, user.gid)
  return dir
}

const runAsPostgres = (command: string, args: string[]) => execFileSync(command, args, { stdio: 'pipe', ...postgresUser() })

export interface PostgresCluster {
  port: number
  /** postgres://… for a database of this cluster */
  url(database: string): string
  /** a new, empty database; its URL */
  createDatabase(): Promise<string>
  /** stops the server (fast shutdown: connections are cut) */
  stop(): void
  /** starts it again on the same port and data */
  start(): Promise<void>
  /** stops it for good and removes its files */
  destroy(): void
}

let databaseCount = 0

/** Connects once and leaves: resolves when the server takes connections. */
async function connectable(url: string): Promise<void> {
  await eventually(async () => {
    const client = new pg.Client(url)
    await client.connect()
    await client.end()
  }, { timeoutMs: 10_000 })
}

async function createDatabase(url: (database: string) => string): Promise<string> {
  const name = `wp_${process.pid}_${++databaseCount}`
  const client = new pg.Client(url('postgres'))
  await client.connect()
  await client.query(`CREATE DATABASE ${name}`)
  await client.end()
  return url(name)
}

/**
 * initdb + pg_ctl start in a temp dir; fails (with the reason) when PostgreSQL is missing. Tests
 * run it without fsync; benchmarks ask for a durable one (`isDurable`), as SQLite's `full` is.
 */
export async function startPostgres(options: { isDurable?: boolean } = {}): Promise<PostgresCluster> {
  if (!BIN_DIR) throw new Error(postgresMissing)
  const dir = ownedTempDir('watchplane-pg-')
  const data = join(dir, 'data')
  const port = await freePort()
  runAsPostgres(join(BIN_DIR, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'])
  const unsafe = options.isDurable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off'
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300${unsafe}`
  const pgCtl = (...args: string[]) => runAsPostgres(join(BIN_DIR, 'pg_ctl'), ['-D', data, ...args])
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`
  let isRunning = false
  const stop = (mode: 'fast' | 'immediate') => {
    if (isRunning) pgCtl('-m', mode, '-w', 'stop')
    isRunning = false
  }
  const cluster: PostgresCluster = {
    port,
    url,
    createDatabase: () => createDatabase(url),
    stop: () => stop('fast'),
    start: async () => {
      pgCtl('-l', join(dir, 'log'), '-w', '-t', '60', '-o', settings, 'start')
      isRunning = true
      await connectable(url('postgres'))
    },
    destroy: () => {
      stop('immediate')
      rmSync(dir, { recursive: true, force: true })
    },
  }
  await cluster.start()
  process.once('exit', () => cluster.destroy())
  return cluster
}

let shared: Promise<PostgresCluster> | undefined
/** one cluster per test process, started on first use, removed when the process exits */
export function sharedPostgres(): Promise<PostgresCluster> {
  return (shared ??= startPostgres())
}

export interface PgBouncer {
  /** postgres://… through the bouncer, for a database of its cluster */
  url(database: string): string
  stop(): void
}

/** A PgBouncer in front of `cluster`, in transaction pooling mode (LISTEN does not work through it). */
export async function startPgBouncer(cluster: PostgresCluster): Promise<PgBouncer> {
  if (!PGBOUNCER) throw new Error(pgbouncerMissing)
  const dir = ownedTempDir('watchplane-pgbouncer-')
  const port = await freePort()
  writeFileSync(join(dir, 'userlist.txt'), '"postgres" ""\n')
  writeFileSync(join(dir, 'pgbouncer.ini'), [
    '[databases]', `* = host=127.0.0.1 port=${cluster.port}`,
    '[pgbouncer]', 'listen_addr = 127.0.0.1', `listen_port = ${port}`, 'unix_socket_dir =', 'auth_type = trust',
    `auth_file = ${join(dir, 'userlist.txt')}`, 'pool_mode = transaction', 'max_client_conn = 500', 'default_pool_size = 20',
    'ignore_startup_parameters = extra_float_digits,options',
  ].join('\n') + '\n')
  const child: ChildProcess = spawn(PGBOUNCER, [join(dir, 'pgbouncer.ini')], { stdio: 'ignore', ...postgresUser() })
  const stop = () => {
    child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
  process.once('exit', stop)
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`
  await connectable(url('postgres'))
  return { url, stop }
}

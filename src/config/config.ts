import { parseDuration } from './duration.js'
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

/**
 * SQLite's synchronous mode, as the flag names it. Declared here, not taken from storage, so the
 * published types of `startWatchplane` need no SQLite typings; the compiler still checks that
 * storage accepts every mode where app.ts hands it over.
 */
export const DURABILITY_MODES = ['full', 'normal', 'off'] as const
export type Durability = (typeof DURABILITY_MODES)[number]

/** Everything the server is configured with; built once at the entry, frozen, passed down. */
export interface Config {
  address: string
  /** 0 picks a free port */
  port: number
  /** holds watchplane.db and the kubeconfig; ':memory:' keeps nothing */
  dataDir: string
  logLevel: LogLevel
  durability: Durability
  /** request bodies larger than this get 413 (kube: 3 MiB) */
  maxBodyBytes: number
  /** frames buffered per slow watcher before it catches up from the log instead */
  watchQueueFrames: number
  bookmarkIntervalMs: number
  /** keep history at least this long (`7d`, `12h`; `0` forever); older revisions are compacted */
  historyRetention: string
  /** and at least this many most recent revisions (0: no count bound) */
  historyRevisions: number
  compactionIntervalMs: number
  /** serve the whole API read-only as it stood at this revision or RFC 3339 time */
  asOf?: string
  /** IPv4 CIDR Services get their cluster IPs from (kube-apiserver --service-cluster-ip-range) */
  serviceClusterIpRange: string
  /** `first-last`: node ports of NodePort and LoadBalancer Services (--service-node-port-range) */
  serviceNodePortRange: string
  /** `sqlite` (the database in dataDir) or a `postgres://` URL: the log shared by every replica on it */
  storage: string
  /** PostgreSQL: how often a replica reads the log without a notification */
  postgresPollMs: number
  /** PostgreSQL: `auto` LISTENs for commits when notifications arrive; `off` polls only (PgBouncer in transaction mode) */
  postgresListen: 'auto' | 'off'
  /** PostgreSQL: connections one replica opens at most */
  postgresMaxConnections: number
  /** PostgreSQL: revisions per partition of the log; fixed by the first replica on a new database */
  postgresPartitionRevisions: number
}

export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze({
  address: '127.0.0.1',
  port: 6443,
  dataDir: '.watchplane',
  logLevel: 'info',
  durability: 'full',
  maxBodyBytes: 3 * 1024 * 1024,
  watchQueueFrames: 1024,
  bookmarkIntervalMs: 60_000,
  // Generous by default: a month of history (kube-apiserver keeps about five minutes).
  historyRetention: '30d',
  historyRevisions: 0,
  compactionIntervalMs: 60_000,
  // kubeadm's and kind's default range; kube-apiserver's own flag default (10.0.0.0/24) is too small to be useful.
  serviceClusterIpRange: '10.96.0.0/12',
  serviceNodePortRange: '30000-32767',
  storage: 'sqlite',
  postgresPollMs: 100,
  postgresListen: 'auto',
  postgresMaxConnections: 10,
  postgresPartitionRevisions: 100_000,
})

/** The PostgreSQL URL when `storage` names one; undefined for SQLite. */
export function postgresUrlOf(config: Pick<Config, 'storage'>): string | undefined {
  return /^postgres(ql)?:\/\//.test(config.storage) ? config.storage : undefined
}

/** Fills defaults and freezes; the programmatic entry and the CLI both come through here. */
export function toConfig(partial: Partial<Config>): Readonly<Config> {
  const config = { ...DEFAULT_CONFIG, ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) }
  if (!DURABILITY_MODES.includes(config.durability)) throw new Error(`invalid durability ${config.durability}: full, normal or off`)
  parseDuration(config.historyRetention)
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) throw new Error(`invalid port ${config.port}`)
  if (config.storage !== 'sqlite' && !postgresUrlOf(config)) throw new Error(`invalid storage ${JSON.stringify(config.storage)}: sqlite or a postgres:// URL`)
  if (!['auto', 'off'].includes(config.postgresListen)) throw new Error(`invalid postgresListen ${config.postgresListen}: auto or off`)
  for (const key of ['postgresPollMs', 'postgresMaxConnections', 'postgresPartitionRevisions'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 1) throw new Error(`invalid ${key} ${config[key]}: a positive integer`)
  }
  return Object.freeze(config)
}

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
  /** a request's headers and body must arrive within this, or it gets 408 and the connection is closed (slowloris) */
  requestReadTimeoutMs: number
  /** a request that is no watch is answered 504 after this, or its `?timeout=` when shorter (kube's --request-timeout) */
  requestTimeoutMs: number
  /** frames buffered per slow watcher before it catches up from the log instead */
  watchQueueFrames: number
  /** requests other than watches served at once, all users together (kube's --max-requests-inflight) */
  maxRequestsInflight: number
  /** one user's requests that may wait for a seat; one more gets 429 */
  maxQueuedRequestsPerUser: number
  /** how long a queued request waits for a seat before its 429 */
  requestQueueWaitMs: number
  /** open watches per user (chunked, WebSocket, multiplexed subscriptions) */
  maxWatchesPerUser: number
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
  /** plain HTTP instead of HTTPS: no TLS, so no client certificates (and kubectl sends no credentials at all) */
  insecureHttp: boolean
  /** requests without credentials run as system:anonymous instead of getting 401; over plain HTTP as a cluster admin */
  anonymousAuth: boolean
  /** more names (host names, IP addresses) for the generated serving certificate (--tls-san) */
  tlsSan: readonly string[]
  /** a serving certificate (and its key) of your own instead of one the cluster CA signs */
  tlsCertFile?: string
  tlsPrivateKeyFile?: string
  /** more CAs whose client certificates are accepted, besides the cluster CA */
  clientCaFile?: string
  /** static bearer tokens, kube's CSV format: token,user,uid,"group1,group2" */
  tokenAuthFile?: string
  /** where audit events go, one JSON line each (audit.k8s.io/v1 Event); none when unset */
  auditLogPath?: string
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
  // kube-apiserver allows 32 s for the headers (ReadHeaderTimeout) and 60 s for a request
  // (--request-timeout); one bound here covers the headers and the body.
  requestReadTimeoutMs: 60_000,
  // kube-apiserver --request-timeout (staging/apiserver/pkg/server/config.go RequestTimeout: 60 s)
  requestTimeoutMs: 60_000,
  watchQueueFrames: 1024,
  // kube's defaults: --max-requests-inflight 400 (plus 200 mutating); APF queues wait at most 15 s
  // (staging/apiserver/pkg/server/options/recommended.go, pkg/util/flowcontrol/apf_controller.go).
  maxRequestsInflight: 600,
  maxQueuedRequestsPerUser: 50,
  requestQueueWaitMs: 15_000,
  maxWatchesPerUser: 10_000,
  bookmarkIntervalMs: 60_000,
  // Generous by default: a month of history (kube-apiserver keeps about five minutes).
  historyRetention: '30d',
  historyRevisions: 0,
  compactionIntervalMs: 60_000,
  // kubeadm's and kind's default range; kube-apiserver's own flag default (10.0.0.0/24) is too small to be useful.
  serviceClusterIpRange: '10.96.0.0/12',
  serviceNodePortRange: '30000-32767',
  insecureHttp: false,
  anonymousAuth: false,
  tlsSan: [],
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
  if ((config.tlsCertFile === undefined) !== (config.tlsPrivateKeyFile === undefined)) throw new Error('--tls-cert-file and --tls-private-key-file go together')
  if (!(config.requestTimeoutMs >= 100)) throw new Error(`invalid request timeout ${config.requestTimeoutMs}: at least 100 ms`)
  for (const key of ['maxRequestsInflight', 'maxWatchesPerUser'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 1) throw new Error(`invalid ${key} ${config[key]}: a whole number, at least 1`)
  }
  for (const key of ['maxQueuedRequestsPerUser', 'requestQueueWaitMs'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 0) throw new Error(`invalid ${key} ${config[key]}: a whole number, at least 0`)
  }
  if (!(config.requestReadTimeoutMs >= 100)) throw new Error(`invalid request read timeout ${config.requestReadTimeoutMs}: at least 100 ms`)
  if (config.storage !== 'sqlite' && !postgresUrlOf(config)) throw new Error(`invalid storage ${JSON.stringify(config.storage)}: sqlite or a postgres:// URL`)
  if (!['auto', 'off'].includes(config.postgresListen)) throw new Error(`invalid postgresListen ${config.postgresListen}: auto or off`)
  for (const key of ['postgresPollMs', 'postgresMaxConnections', 'postgresPartitionRevisions'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 1) throw new Error(`invalid ${key} ${config[key]}: a positive integer`)
  }
  return Object.freeze(config)
}

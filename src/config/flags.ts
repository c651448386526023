import { Command, InvalidArgumentError, Option } from 'commander'
import { DEFAULT_CONFIG, DURABILITY_MODES, toConfig, type Config } from './config.js'

/** `--flag`, `--flag=true`, `--flag=false` (kube's boolean flags) */
function parseBoolean(value: string | boolean): boolean {
  if (typeof value === 'boolean') return value
  if (['true', '1', ''].includes(value.toLowerCase())) return true
  if (['false', '0'].includes(value.toLowerCase())) return false
  throw new InvalidArgumentError('expected true or false')
}

/** a repeatable flag: each use adds its (comma-separated) names */
const collectNames = (value: string, previous: readonly string[]) => [...previous, ...value.split(',').map((n) => n.trim()).filter(Boolean)]

// The server's flag table: every flag has an env var, a default and a help line.
const SERVE_FLAGS = [
  { flag: '--address <ip>', env: 'WATCHPLANE_ADDRESS', key: 'address', help: 'address to listen on' },
  { flag: '--port <n>', env: 'WATCHPLANE_PORT', key: 'port', help: 'port to listen on (0 picks one)', parse: Number },
  { flag: '--data-dir <dir>', env: 'WATCHPLANE_DATA_DIR', key: 'dataDir', help: "where the database and kubeconfig live (':memory:' keeps nothing)" },
  { flag: '--log-level <level>', env: 'WATCHPLANE_LOG_LEVEL', key: 'logLevel', help: 'fatal, error, warn, info, debug, trace or silent', choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
  { flag: '--durability <mode>', env: 'WATCHPLANE_DURABILITY', key: 'durability', help: 'SQLite synchronous mode: full fsyncs every commit; normal may lose the last commits on power loss', choices: DURABILITY_MODES },
  { flag: '--max-body-bytes <n>', env: 'WATCHPLANE_MAX_BODY_BYTES', key: 'maxBodyBytes', help: 'largest request body accepted', parse: Number },
  { flag: '--request-timeout-ms <n>', env: 'WATCHPLANE_REQUEST_TIMEOUT_MS', key: 'requestTimeoutMs', help: 'requests other than watches are answered 504 after this (or their shorter ?timeout=)', parse: Number },
  { flag: '--request-read-timeout-ms <n>', env: 'WATCHPLANE_REQUEST_READ_TIMEOUT_MS', key: 'requestReadTimeoutMs', help: 'a request must arrive whole (headers and body) within this; slower ones get 408', parse: Number },
  { flag: '--max-requests-inflight <n>', env: 'WATCHPLANE_MAX_REQUESTS_INFLIGHT', key: 'maxRequestsInflight', help: 'requests other than watches served at once; past it each user waits in a queue of their own (system:masters exempt)', parse: Number },
  { flag: '--max-queued-requests-per-user <n>', env: 'WATCHPLANE_MAX_QUEUED_REQUESTS_PER_USER', key: 'maxQueuedRequestsPerUser', help: "a user's requests waiting for a seat; one more gets 429 with Retry-After", parse: Number },
  { flag: '--request-queue-wait-ms <n>', env: 'WATCHPLANE_REQUEST_QUEUE_WAIT_MS', key: 'requestQueueWaitMs', help: 'a queued request waits this long for a seat, then gets 429', parse: Number },
  { flag: '--max-watches-per-user <n>', env: 'WATCHPLANE_MAX_WATCHES_PER_USER', key: 'maxWatchesPerUser', help: 'open watches per user; one more gets 429 (system:masters exempt)', parse: Number },
  { flag: '--as-of <revision|time>', env: 'WATCHPLANE_AS_OF', key: 'asOf', help: 'serve the API read-only as it stood at a revision or RFC 3339 time (kubectl against the past)' },
  { flag: '--history-retention <duration>', env: 'WATCHPLANE_HISTORY_RETENTION', key: 'historyRetention', help: 'keep history at least this long (7d, 12h, 30m; 0 keeps it forever); older revisions are compacted' },
  { flag: '--history-revisions <n>', env: 'WATCHPLANE_HISTORY_REVISIONS', key: 'historyRevisions', help: 'and keep at least this many most recent revisions (0: no count bound)', parse: Number },
  { flag: '--service-cluster-ip-range <cidr>', env: 'WATCHPLANE_SERVICE_CLUSTER_IP_RANGE', key: 'serviceClusterIpRange', help: 'IPv4 CIDR Services take their cluster IPs from' },
  { flag: '--service-node-port-range <first-last>', env: 'WATCHPLANE_SERVICE_NODE_PORT_RANGE', key: 'serviceNodePortRange', help: 'ports NodePort and LoadBalancer Services take their node ports from' },
  { flag: '--watch-queue-frames <n>', env: 'WATCHPLANE_WATCH_QUEUE_FRAMES', key: 'watchQueueFrames', help: 'frames buffered per slow watcher before it catches up from the log', parse: Number },
  { flag: '--insecure-http [enabled]', env: 'WATCHPLANE_INSECURE_HTTP', key: 'insecureHttp', help: 'serve plain HTTP instead of HTTPS (no client certificates; kubectl sends no credentials over http)', parse: parseBoolean },
  { flag: '--anonymous-auth [enabled]', env: 'WATCHPLANE_ANONYMOUS_AUTH', key: 'anonymousAuth', help: 'requests without credentials run as system:anonymous instead of getting 401 (over --insecure-http: as a cluster admin)', parse: parseBoolean },
  { flag: '--tls-san <name>', env: 'WATCHPLANE_TLS_SAN', key: 'tlsSan', help: 'another host name or IP for the generated serving certificate (repeatable, or comma-separated)', parse: collectNames },
  { flag: '--tls-cert-file <file>', env: 'WATCHPLANE_TLS_CERT_FILE', key: 'tlsCertFile', help: 'serving certificate (PEM, with its chain) instead of one the cluster CA signs' },
  { flag: '--tls-private-key-file <file>', env: 'WATCHPLANE_TLS_PRIVATE_KEY_FILE', key: 'tlsPrivateKeyFile', help: "the serving certificate's private key (PEM)" },
  { flag: '--client-ca-file <file>', env: 'WATCHPLANE_CLIENT_CA_FILE', key: 'clientCaFile', help: 'CA bundle whose client certificates are accepted too (user = CN, groups = O)' },
  { flag: '--token-auth-file <file>', env: 'WATCHPLANE_TOKEN_AUTH_FILE', key: 'tokenAuthFile', help: 'static bearer tokens, one CSV line each: token,user,uid,"group1,group2"' },
  { flag: '--audit-log-path <file>', env: 'WATCHPLANE_AUDIT_LOG_PATH', key: 'auditLogPath', help: "audit log: a JSON line (audit.k8s.io/v1 Event) per mutating or refused request; '-' for stdout" },
  { flag: '--storage <sqlite|url>', env: 'WATCHPLANE_STORAGE', key: 'storage', help: "where the log lives: 'sqlite' (in --data-dir), or postgres://user:password@host:port/db, shared by any number of replicas" },
  { flag: '--postgres-poll-ms <n>', env: 'WATCHPLANE_POSTGRES_POLL_MS', key: 'postgresPollMs', help: 'PostgreSQL: how often a replica reads the shared log without a notification', parse: Number },
  { flag: '--postgres-listen <mode>', env: 'WATCHPLANE_POSTGRES_LISTEN', key: 'postgresListen', help: 'PostgreSQL: auto LISTENs for commits when notifications arrive; off polls only (PgBouncer in transaction mode)', choices: ['auto', 'off'] },
  { flag: '--postgres-max-connections <n>', env: 'WATCHPLANE_POSTGRES_MAX_CONNECTIONS', key: 'postgresMaxConnections', help: 'PostgreSQL: connections one replica opens at most', parse: Number },
  { flag: '--postgres-partition-revisions <n>', env: 'WATCHPLANE_POSTGRES_PARTITION_REVISIONS', key: 'postgresPartitionRevisions', help: 'PostgreSQL: revisions per partition of the log (retention drops whole partitions); fixed when the database is created', parse: Number },
] as const

/** `watchplane history`: every retained revision of one object. */
export interface HistoryOptions {
  dataDir: string
  /** 'sqlite' (the database in dataDir) or a postgres:// URL */
  storage: string
  /** the resource type as typed: plural, singular, short name or kind, optionally `.group` */
  resource: string
  name: string
  /** ignored for cluster-scoped types */
  namespace: string
  output: 'timeline' | 'json'
}

/** `watchplane replay`: the log between two revisions as a change stream. */
export interface ReplayOptions {
  dataDir: string
  /** 'sqlite' (the database in dataDir) or a postgres:// URL */
  storage: string
  /** inclusive */
  fromRevision: number
  /** inclusive; undefined means the newest */
  toRevision?: number
  resource?: string
  namespace?: string
  output: 'ndjson' | 'timeline'
}

/** `watchplane export`: the retained log as a gzip'd NDJSON bundle. */
export interface ExportOptions {
  dataDir: string
  /** 'sqlite' (the database in dataDir) or a postgres:// URL */
  storage: string
  /** bundle file; '-' writes to stdout */
  out: string
}

/** `watchplane import`: a bundle into an empty data dir. */
export interface ImportOptions {
  dataDir: string
  /** 'sqlite' (the database in dataDir) or a postgres:// URL */
  storage: string
  /** bundle file; '-' reads stdin */
  in: string
}

/** What the command line asks for: the server with its Config, or one of the offline tools. */
export type Invocation =
  | { command: 'serve'; config: Readonly<Config> }
  | { command: 'history'; options: Readonly<HistoryOptions> }
  | { command: 'replay'; options: Readonly<ReplayOptions> }
  | { command: 'export'; options: Readonly<ExportOptions> }
  | { command: 'import'; options: Readonly<ImportOptions> }

function addServeFlags(command: Command): Command {
  for (const f of SERVE_FLAGS) {
    const option = new Option(f.flag, f.help).env(f.env).default(DEFAULT_CONFIG[f.key])
    if ('choices' in f) option.choices(f.choices)
    if ('parse' in f) option.argParser(f.parse as (value: string, previous: unknown) => unknown)
    command.addOption(option)
  }
  return command
}

type Choose = (invocation: Invocation) => void

// The tools share the server's --data-dir and its env var; their other flags name one run's
// arguments (a revision, a file), for which an env var would only surprise.
const toolCommand = (program: Command, name: string, description: string, dataDirHelp = 'the data dir to read') =>
  program.command(name).description(description)
    .addOption(new Option('--data-dir <dir>', dataDirHelp).env('WATCHPLANE_DATA_DIR').default(DEFAULT_CONFIG.dataDir))
    .addOption(new Option('--storage <sqlite|url>', "the log: 'sqlite' (in --data-dir) or the postgres:// URL replicas share").env('WATCHPLANE_STORAGE').default(DEFAULT_CONFIG.storage))

// `watchplane --data-dir d history …` means the same as `watchplane history --data-dir d …`.
const sharedOption = (command: Command, key: 'dataDir' | 'storage'): string =>
  String(command.getOptionValueSource(key) === 'default' ? command.parent?.opts()[key] : command.opts()[key])
/** the data dir and the storage a tool reads or writes */
const whereOf = (command: Command) => ({ dataDir: sharedOption(command, 'dataDir'), storage: sharedOption(command, 'storage') })

function parseRevision(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw new InvalidArgumentError('expected a revision (a non-negative integer)')
  return Number(raw)
}

function splitObjectRef(ref: string, name: string | undefined, command: Command): { resource: string; name: string } {
  if (name !== undefined) return { resource: ref, name }
  const slash = ref.indexOf('/')
  if (slash <= 0 || slash === ref.length - 1) command.error(`error: expected <resource>/<name>, like pods/web-0; got ${JSON.stringify(ref)}`)
  return { resource: ref.slice(0, slash), name: ref.slice(slash + 1) }
}

/** `watchplane [flags]` and `watchplane serve [flags]`: the same server. */
function defineServe(program: Command, choose: Choose): void {
  const serveWith = (command: Command) => choose({ command: 'serve', config: toConfig(command.opts<Partial<Config>>()) })
  addServeFlags(program).allowExcessArguments(true).action((_options, command: Command) => {
    if (command.args.length > 0) command.error(`error: unknown command '${command.args[0]}' (see watchplane --help)`)
    serveWith(command)
  })
  addServeFlags(program.command('serve').description('serve the Kubernetes API (the default command)')).action((_options, command: Command) => serveWith(command))
}

function defineHistory(program: Command, choose: Choose): void {
  toolCommand(program, 'history', 'every retained revision of one object, deletions and re-creations included, with what changed')
    .argument('<resource/name>', 'e.g. pods/web-0, deploy/web, deployments.apps/web').argument('[name]', 'the name, when the first argument is only the resource')
    .option('-n, --namespace <ns>', 'namespace of a namespaced object', 'default')
    .addOption(new Option('-o, --output <format>', 'timeline (readable diffs) or json (RFC 6902 diffs)').choices(['timeline', 'json']).default('timeline'))
    .action((ref: string, name: string | undefined, options: { namespace: string; output: HistoryOptions['output'] }, command: Command) => {
      choose({ command: 'history', options: Object.freeze({ ...splitObjectRef(ref, name, command), namespace: options.namespace, output: options.output, ...whereOf(command) }) })
    })
}

function defineReplay(program: Command, choose: Choose): void {
  toolCommand(program, 'replay', 'print the change stream between two revisions, as a watch from --from would have seen it')
    .addOption(new Option('--from <revision>', 'first revision (inclusive)').argParser(parseRevision).default(1))
    .addOption(new Option('--to <revision>', 'last revision (inclusive; default: the newest)').argParser(parseRevision))
    .option('--resource <type>', 'only this resource type (pods, deploy, deployments.apps, …)')
    .option('-n, --namespace <ns>', 'only this namespace')
    .addOption(new Option('-o, --output <format>', 'ndjson (one change per line) or timeline').choices(['ndjson', 'timeline']).default('ndjson'))
    .action((options: { from: number; to?: number; resource?: string; namespace?: string; output: ReplayOptions['output'] }, command: Command) => {
      if (options.to !== undefined && options.to < options.from) command.error('error: --to must not be before --from')
      const { from, to, ...rest } = options
      choose({ command: 'replay', options: Object.freeze({ ...rest, fromRevision: from, ...(to === undefined ? {} : { toRevision: to }), ...whereOf(command) }) })
    })
}

function defineBundles(program: Command, choose: Choose): void {
  toolCommand(program, 'export', "write the retained history as a gzip'd NDJSON bundle (safe while a server runs)")
    .requiredOption('--out <file>', "bundle file to write ('-' for stdout)")
    .action((options: { out: string }, command: Command) => choose({ command: 'export', options: Object.freeze({ out: options.out, ...whereOf(command) }) }))
  toolCommand(program, 'import', 'load a bundle into an empty data dir, revisions preserved', 'the empty (or absent) data dir to create')
    .requiredOption('--in <file>', "bundle file to read ('-' for stdin)")
    .action((options: { in: string }, command: Command) => choose({ command: 'import', options: Object.freeze({ in: options.in, ...whereOf(command) }) }))
}

/** The `watchplane` command line: flags over env vars over defaults. The only reader of process.env (through commander). */
export function parseCommandLine(argv: readonly string[]): Invocation {
  let invocation: Invocation | undefined
  const choose: Choose = (chosen) => void (invocation = chosen)
  const program = new Command('watchplane')
    .description('A Kubernetes-compatible API server whose source of truth is an append-only SQLite event log.\nWithout a command it serves, as `watchplane serve` does.')
    .enablePositionalOptions() // flags after a command name are that command's
  for (const define of [defineServe, defineHistory, defineReplay, defineBundles]) define(program, choose)
  program.parse([...argv], { from: 'user' })
  if (!invocation) throw new Error('the command line named no command') // commander exits on --help and on errors
  return invocation
}

import { Command, Option } from 'commander'
import { DEFAULT_CONFIG, toConfig, type Config } from './config.js'

// The flag table: every flag has an env var, a default and a help line.
const FLAGS = [
  { flag: '--address <ip>', env: 'WATCHPLANE_ADDRESS', key: 'address', help: 'address to listen on' },
  { flag: '--port <n>', env: 'WATCHPLANE_PORT', key: 'port', help: 'port to listen on (0 picks one)', parse: Number },
  { flag: '--data-dir <dir>', env: 'WATCHPLANE_DATA_DIR', key: 'dataDir', help: "where the database and kubeconfig live (':memory:' keeps nothing)" },
  { flag: '--log-level <level>', env: 'WATCHPLANE_LOG_LEVEL', key: 'logLevel', help: 'fatal, error, warn, info, debug, trace or silent', choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
  { flag: '--durability <mode>', env: 'WATCHPLANE_DURABILITY', key: 'durability', help: 'SQLite synchronous mode: full fsyncs every commit; normal may lose the last commits on power loss', choices: ['full', 'normal', 'off'] },
  { flag: '--max-body-bytes <n>', env: 'WATCHPLANE_MAX_BODY_BYTES', key: 'maxBodyBytes', help: 'largest request body accepted', parse: Number },
  { flag: '--as-of <revision|time>', env: 'WATCHPLANE_AS_OF', key: 'asOf', help: 'serve the API read-only as it stood at a revision or RFC 3339 time (kubectl against the past)' },
  { flag: '--watch-queue-frames <n>', env: 'WATCHPLANE_WATCH_QUEUE_FRAMES', key: 'watchQueueFrames', help: 'frames buffered per slow watcher before it catches up from the log', parse: Number },
] as const

/** The `watchplane` command line: flags over env vars over defaults. The only reader of process.env (through commander). */
export function parseServeFlags(argv: readonly string[]): Readonly<Config> {
  const command = new Command('watchplane')
    .description('A Kubernetes-compatible API server whose source of truth is an append-only SQLite event log')
    .allowExcessArguments(false)
  for (const f of FLAGS) {
    const option = new Option(f.flag, f.help).env(f.env).default(DEFAULT_CONFIG[f.key])
    if ('choices' in f) option.choices(f.choices)
    if ('parse' in f) option.argParser(f.parse)
    command.addOption(option)
  }
  command.parse([...argv], { from: 'user' })
  return toConfig(command.opts<Partial<Config>>())
}

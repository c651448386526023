import { prestartCertificateMaker } from './auth/tls/make-certificates-apart.js'
import type { CliError } from './cli/cli-error.js'
import { parseCommandLine, type Invocation } from './config/flags.js'

// CLI entry: the command line → Config (serve) or a tool's options, then that one command. Each
// command is imported when chosen, so serving loads none of the tools and a tool loads no server.
async function run(invocation: Invocation): Promise<void> {
  switch (invocation.command) {
    case 'serve':
      // A first start makes its certificates in a child process: started now, it boots while the server's code loads.
      prestartCertificateMaker(invocation.config.dataDir)
      return (await import('./cli/serve-command.js')).serve(invocation.config)
    case 'history':
      return (await import('./cli/history-command.js')).runHistory(invocation.options, process.stdout)
    case 'replay':
      return (await import('./cli/replay-command.js')).runReplay(invocation.options, process.stdout, process.stderr)
    case 'export':
      return (await import('./cli/export-command.js')).runExport(invocation.options, process.stdout, process.stderr)
    case 'import':
      return (await import('./cli/import-command.js')).runImport(invocation.options, process.stdin, process.stderr)
  }
}

// The tools are bundled apart from the server (tsup.config.ts), each bundle with its own CliError
// class: one is known by its name.
const isCliError = (error: unknown): error is CliError => error instanceof Error && error.name === 'CliError'

// `watchplane replay | head` closes our stdout early: that is the reader being done, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

const invocation = parseCommandLine(process.argv.slice(2))
try {
  await run(invocation)
} catch (error) {
  const report = isCliError(error) ? error.message : error instanceof Error ? error.stack : String(error)
  process.stderr.write(`watchplane ${invocation.command}: ${report}\n`)
  process.exitCode = 1
}

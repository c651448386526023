import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

/** A child's command handlers: each gets the JSON argument the parent sent and returns a JSON-able reply. */
export type CommandHandlers = Record<string, (arg: any) => unknown>

/**
 * The child side of command-child.ts: reads `<command> <id> <json>` lines from stdin, runs the
 * handler and answers `OK <id> <file>` with the reply written as JSON to a file in `replyDir`
 * (replies can be large; the parent keeps only the tail of a child's stdout), or `ERR <id> <message>`.
 * The child exits when stdin closes, so a parent that dies takes its children with it.
 */
export function serveCommands(replyDir: string, handlers: CommandHandlers, onExit: () => unknown = () => {}): void {
  const lines = createInterface({ input: process.stdin })
  lines.on('line', (line) => {
    const [command = '', id = '', ...rest] = line.split(' ')
    const handler = handlers[command]
    const run = async () => {
      if (!handler) throw new Error(`unknown command ${command}`)
      const reply = await handler(JSON.parse(rest.join(' ') || 'null'))
      const file = join(replyDir, `${process.pid}-${id}.json`)
      writeFileSync(file, JSON.stringify(reply ?? null))
      process.stdout.write(`OK ${id} ${file}\n`)
    }
    run().catch((error: unknown) => process.stdout.write(`ERR ${id} ${String((error as Error).message ?? error).replace(/\n/g, ' ')}\n`))
  })
  lines.once('close', () => {
    Promise.resolve(onExit()).finally(() => process.exit(0))
  })
}

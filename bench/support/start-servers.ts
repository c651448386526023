import { startTsChild, type Child } from './children.js'

export interface RunningServer {
  child: Child
  url: string
}

const READY = /READY (https?:\/\/127\.0\.0\.1:\d+)/

/** Starts one of the bench/support/serve-*.ts entries and waits for the URL it prints. */
export async function startServer(entry: string, args: readonly string[] = [], nodeFlags: readonly string[] = []): Promise<RunningServer> {
  const child = startTsChild(`bench/support/${entry}`, args, nodeFlags)
  try {
    const match = await child.waitFor(READY)
    return { child, url: match[1]! }
  } catch (error) {
    await child.stop()
    throw error
  }
}

import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { StartOptions } from '../../../src/start-watchplane.js'
import { rememberServer } from '../../support/server-credentials.js'

const ENTRY = fileURLToPath(new URL('./server-process.ts', import.meta.url))

export interface Memory {
  heapUsed: number
  rss: number
  /** enumerable keys on Object.prototype in the server: a body that reached it */
  prototypeKeys: string[]
}

/** A server in its own process, watched: `exited` says whether (and how) it died. */
export interface FuzzServer {
  url: string
  /** after three full garbage collections in the server process */
  memory(): Promise<Memory>
  /** undefined while the process runs; its exit code or signal and the end of its stderr once it died */
  exited(): string | undefined
  close(): Promise<void>
}

export async function startFuzzServer(options: StartOptions): Promise<FuzzServer> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', ENTRY, JSON.stringify(options)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] })
  let stderr = ''
  let exit: string | undefined
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)))
  child.once('exit', (code, signal) => (exit = `exited with ${signal ?? code}: ${stderr}`))
  const next = (type: string) => new Promise<any>((resolve, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return
      child.off('message', onMessage)
      resolve(message)
    }
    child.on('message', onMessage)
    child.once('exit', () => reject(new Error(`the server process ${exit}`)))
  })
  const { url, tls } = await next('listening')
  // the fuzzer reaches it over https as its admin, as other tests reach their servers
  rememberServer({ url, tls })
  return {
    url,
    memory: () => {
      const answer = next('memory')
      child.send({ type: 'memory' })
      return answer
    },
    exited: () => exit,
    close: async () => {
      if (exit !== undefined) return
      const gone = new Promise((resolve) => child.once('exit', resolve))
      child.send({ type: 'close' })
      await gone
    },
  }
}

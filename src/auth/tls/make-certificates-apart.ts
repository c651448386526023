import { fork, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CA_CERT_FILE } from './ca-files.js'
import type { CertificateOrder, MadeCertificates } from './make-certificates.js'

type Answer = { made: MadeCertificates } | { error: string }

// Built (tsup.config.ts), the child's program is an entry of its own beside this chunk in dist/src;
// from the sources there is none (see makeCertificatesApart).
const isBundled = !import.meta.url.endsWith('.ts')

let prestarted: ChildProcess | undefined

/**
 * Starts the certificate maker now when the data dir has no CA yet (a first start, or an
 * in-memory server), which will need it: its node boots, and it makes the CA, while the server's
 * own code loads. It holds nothing open: should the server fail before ordering, both just exit.
 * This module and ca-files.ts are all main.ts needs for it, and the child's program shares no
 * module with the server: a chunk more in what a start loads costs node's loader resolutions,
 * enough to tip node's path functions into being optimized (tsup.config.ts), ~4 MB of RSS.
 */
export function prestartCertificateMaker(dataDir: string): void {
  if (!isBundled || prestarted || (dataDir !== ':memory:' && existsSync(join(dataDir, CA_CERT_FILE)))) return
  prestarted = startMaker()
  prestarted.unref()
  prestarted.channel?.unref()
}

function startMaker(): ChildProcess {
  const program = fileURLToPath(new URL('./certificate-maker-process.js', import.meta.url))
  // No execArgv: the server's own node flags (--inspect, --cpu-prof) are not the child's.
  return fork(program, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
}

/**
 * Makes an order's certificates in a short-lived child process when running the build. The X.509
 * library (@peculiar/x509 and its ASN.1 stack) and the heap it grows stay there and go with it: a
 * first start kept ~16 MB of RSS and ~110 ms of CPU for them. (Measured alone, a worker thread
 * left ~6 MB behind, its allocator arenas staying with the process; a child ~0.5 MB.) From the
 * sources (tsx: tests, `npm run dev`) a child would pay tsx's own start, ~0.5 s of CPU, so the
 * order is made in process there; the same code makes the same certificates either way.
 */
export async function makeCertificatesApart(order: CertificateOrder): Promise<MadeCertificates> {
  if (!isBundled) return (await import('./make-certificates.js')).makeCertificates(order)
  // one that is gone already (killed, say) is replaced
  const child = prestarted?.connected ? prestarted : startMaker()
  prestarted = undefined
  // Held while its answer is awaited: nothing else may keep the event loop alive meanwhile.
  child.ref()
  child.channel?.ref()
  const answer = await new Promise<Answer>((resolve, reject) => {
    child.once('message', (message: Answer) => resolve(message))
    child.once('error', reject)
    child.once('close', (code, signal) => reject(new Error(`the certificate maker exited (${signal ?? code}) without an answer`)))
    child.send(order)
  })
  if ('error' in answer) throw new Error(`the certificate maker failed: ${answer.error}`)
  return answer.made
}

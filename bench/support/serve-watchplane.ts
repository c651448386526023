import { startWatchplane } from '../../src/start-watchplane.js'
import { PLAIN_HTTP_OPTIONS } from './plain-http.js'

// Child process: the server under test, alone in its process so its RSS and CPU are its own.
// argv: <dataDir> [<postgres URL>: a replica over that log]. Prints `READY <url>`; SIGTERM closes it
// and exits normally (so --cpu-prof is written).
const [dataDir, storage] = process.argv.slice(2)
if (!dataDir) throw new Error('usage: serve-watchplane.ts <dataDir> [<postgres URL>]')
const wp = await startWatchplane({ dataDir, durability: 'full', logLevel: 'silent', ...PLAIN_HTTP_OPTIONS, ...(storage ? { storage } : {}) })
process.stdout.write(`READY ${wp.url}\n`)
process.once('SIGTERM', () => {
  wp.close().then(() => process.exit(0), () => process.exit(1))
})

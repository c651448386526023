import { createServer } from 'node:http'
import { join } from 'node:path'
import Database from 'better-sqlite3'

// Child process: the floor for streaming a list out of SQLite. Iterates the snapshot's objects (the
// log rows its rows name) in <dataDir>/watchplane.db and writes `[`, the objects joined by `,`, `]`,
// in ~64 KiB chunks with backpressure (what a careful hand-written endpoint would do).
const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: serve-raw-list.ts <dataDir>')
const db = new Database(join(dataDir, 'watchplane.db'), { readonly: true })
const objects = db.prepare("SELECT e.object FROM objects o JOIN events e ON e.revision = o.revision WHERE o.resource = 'pods' ORDER BY o.namespace, o.name").pluck()
const CHUNK_CHARS = 64 * 1024

const server = createServer({ keepAliveTimeout: 65_000 }, async (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' })
  let chunk = '['
  let isFirst = true
  for (const object of objects.iterate() as IterableIterator<string>) {
    chunk += (isFirst ? '' : ',') + object
    isFirst = false
    if (chunk.length < CHUNK_CHARS) continue
    const canContinue = res.write(chunk)
    chunk = ''
    if (!canContinue) await new Promise((resolve) => res.once('drain', resolve))
  }
  res.end(chunk + ']')
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(`READY http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`)
})
process.once('SIGTERM', () => server.close(() => process.exit(0)).closeAllConnections())

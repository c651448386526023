import { get, createServer, type ServerResponse } from 'node:http'
import { LISTEN_BACKLOG } from '../../src/http/server.js'
import { serveCommands } from './command-loop.js'

// Child process: the resume storm's reference. A bare node:http server that answers every GET with
// the same bytes a resuming watcher gets from watchplane (its catch-up, taken once from a real watch
// by `load`), written in pieces with backpressure as any server must, then holds the response open.
// No storage, no per-watcher work: what sending those bytes to N sockets costs by itself.
// argv: <replyDir>. Prints `READY <url>`. Commands: load {url, path, liveAtRevision}.

const PIECE_BYTES = 64 * 1024
const replyDir = process.argv[2]
if (!replyDir) throw new Error('usage: serve-bare-replay.ts <replyDir>')
let body = Buffer.alloc(0)
const open = new Set<ServerResponse>()

async function sendBody(res: ServerResponse): Promise<void> {
  for (let at = 0; at < body.length && !res.destroyed; at += PIECE_BYTES) {
    if (!res.write(body.subarray(at, at + PIECE_BYTES))) await new Promise((resolve) => res.once('drain', resolve))
  }
}

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  req.resume()
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' })
  open.add(res)
  res.once('close', () => open.delete(res))
  sendBody(res).catch(() => res.destroy())
})

/** the stream's events up to and including the first at or past `liveAtRevision` */
function load({ url, path, liveAtRevision }: { url: string; path: string; liveAtRevision: number }): Promise<{ bytes: number; events: number }> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = []
    let tail = ''
    const request = get(url + path, { headers: { accept: 'application/json' } }, (res) => {
      res.on('data', (part: Buffer) => {
        parts.push(part)
        tail = (tail + part.toString('utf8')).slice(-4096)
        const matches = [...tail.matchAll(/"resourceVersion":"(\d+)"[^\n]*\n/g)]
        const done = matches.find((m) => Number(m[1]) >= liveAtRevision)
        if (!done) return
        const all = Buffer.concat(parts)
        const endInTail = done.index + done[0].length
        body = all.subarray(0, all.length - Buffer.byteLength(tail.slice(endInTail)))
        request.destroy()
        resolve({ bytes: body.length, events: body.toString('utf8').split('\n').length - 1 })
      })
      res.on('error', reject)
    })
    request.on('error', (error) => (body.length > 0 ? undefined : reject(error)))
  })
}

function close(): Record<string, never> {
  for (const res of open) res.destroy()
  return {}
}

// The same accept queue as watchplane's, so both see the same handshakes.
server.listen({ port: 0, host: '127.0.0.1', backlog: LISTEN_BACKLOG }, () => {
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  serveCommands(replyDir, { load, close }, () => server.close())
  process.stdout.write(`READY http://127.0.0.1:${address.port}\n`)
})

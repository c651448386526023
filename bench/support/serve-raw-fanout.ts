import { createServer, type ServerResponse } from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'
import { serveCommands } from './command-loop.js'
import { BENCH_NAMESPACE, monoMs, probeOf, storedConfigMap, watchFrame } from './configmaps.js'

// Child process: the ceiling of the transports. A bare node:http server that holds every GET open
// as a chunked response, and a bare ws server on the same port for upgrades; on `start` it makes
// `rate` events a second, each serialized once into one Buffer (a stored ConfigMap's frame, the
// size of watchplane's) and written to every connection. No storage, no routing, no per-watcher state.
// argv: <replyDir>. Prints `READY <url>`. Commands: start {rate}, stop, connections.

const replyDir = process.argv[2]
if (!replyDir) throw new Error('usage: serve-raw-fanout.ts <replyDir>')
const responses = new Set<ServerResponse>()
const sockets = new Set<WebSocket>()

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  req.resume()
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' })
  res.flushHeaders()
  res.socket?.setNoDelay(true)
  responses.add(res)
  res.once('close', () => responses.delete(res))
})
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => {
    sockets.add(ws)
    ws.once('close', () => sockets.delete(ws))
  })
})

let timer: NodeJS.Timeout | undefined

function broadcast(seq: number): void {
  const frame = Buffer.from(watchFrame(JSON.stringify(storedConfigMap(BENCH_NAMESPACE, `raw-${seq}`, probeOf(seq, monoMs()), seq))))
  for (const res of responses) res.write(frame)
  for (const ws of sockets) ws.send(frame, { binary: false })
}

function start({ rate }: { rate: number }): Record<string, never> {
  stop()
  const startedMs = monoMs()
  let sent = 0
  // The same schedule as paced-writer.ts: every millisecond, whatever is due.
  timer = setInterval(() => {
    const due = Math.floor(((monoMs() - startedMs) * rate) / 1000)
    while (sent < due) broadcast(sent++)
  }, 1)
  return {}
}

function stop(): Record<string, never> {
  if (timer) clearInterval(timer)
  timer = undefined
  return {}
}

const connections = () => ({ chunked: responses.size, ws: sockets.size })

serveCommands(replyDir, { start, stop, connections }, () => {
  stop()
  server.closeAllConnections()
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(`READY http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`)
})

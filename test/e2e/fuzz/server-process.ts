// The fuzzed server in a process of its own (the fuzzer and the server then use a core each): it
// prints nothing, reports its URL and its memory over the IPC channel, and collects garbage on request.
// Run by fuzz-server.ts as `node --expose-gc --import tsx server-process.ts '<StartOptions JSON>'`.
import { startServer } from '../../support/start-server.js'

const server = await startServer(JSON.parse(process.argv[2] ?? '{}'))
const gc = (globalThis as { gc?: () => void }).gc
const send = (message: unknown) => process.send!(message)
send({ type: 'listening', url: server.url, tls: server.tls })
process.on('message', (message: { type: string }) => {
  if (message.type === 'memory') {
    for (let i = 0; i < 3; i++) gc!()
    const { heapUsed, rss } = process.memoryUsage()
    // Object.prototype has no enumerable keys of its own, unless a body polluted it.
    send({ type: 'memory', heapUsed, rss, prototypeKeys: Object.keys(Object.prototype) })
  }
  if (message.type === 'close') void server.close().then(() => process.exit(0))
})
process.once('disconnect', () => void server.close().then(() => process.exit(0)))

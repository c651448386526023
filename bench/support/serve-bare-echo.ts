import { createServer } from 'node:http'

// Child process: the floor for any JSON API on node:http. Reads the POST body, JSON.parses it and
// answers 201 with it, as a create handler minus storage and Kubernetes semantics.
const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8')
    JSON.parse(body)
    res.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) })
    res.end(body)
  })
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(`READY http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`)
})
process.once('SIGTERM', () => server.close(() => process.exit(0)).closeAllConnections())

import { request as httpRequest, createServer, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tlsOptionsFor } from './server-credentials.js'

/** One request body a client sent, as it was on the wire. */
export interface RecordedRequest {
  method: string
  /** path and query */
  path: string
  contentType: string | undefined
  body: Buffer
}

export interface RecordingProxy {
  /** http://127.0.0.1:<port>: give it to the client instead of the server's URL */
  url: string
  /** every request with a body, in arrival order */
  readonly recorded: readonly RecordedRequest[]
  close(): Promise<void>
}

/**
 * An HTTP proxy in front of a real server that keeps the bytes of every request body it forwards: the
 * way to see exactly what a real client (kubectl's protobuf bodies) sends, even for kinds the server
 * does not serve yet (the server's answer, a 404 then, is passed back unchanged). The client talks
 * plain http to it; it talks to an https server as that server's admin.
 */
export async function startRecordingProxy(targetUrl: string): Promise<RecordingProxy> {
  const target = new URL(targetUrl)
  const recorded: RecordedRequest[] = []
  const server = createServer(async (req, res) => {
    const body = await readAll(req)
    if (body.length > 0) recorded.push({ method: req.method!, path: req.url!, contentType: req.headers['content-type'], body })
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest
    const upstream = send(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, ...tlsOptionsFor(target) },
      (answer) => {
        res.writeHead(answer.statusCode!, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => res.destroy())
    upstream.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    recorded,
    close: () => new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

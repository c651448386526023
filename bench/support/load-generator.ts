import { Agent, request } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { createSecureContext } from 'node:tls'
import { percentile } from './percentiles.js'
import { trackCpuTime } from './process-cpu.js'

/** One request the generator sends; `body` is sent with Content-Length. */
export interface BenchRequest {
  method: string
  path: string
  headers?: Record<string, string>
  body?: string | Buffer
}

export interface LoadOptions {
  /** base URL, e.g. http://127.0.0.1:1234 */
  url: string
  /** requests in flight at once, each on its own keep-alive connection */
  concurrency: number
  /** issue requests for this long, after the warm-up */
  durationMs: number
  /** requests sent before measuring: JIT, connection set-up and page cache out of the figures */
  warmupMs: number
  /** builds the i-th request; i is unique across warm-up and measurement */
  next(i: number): BenchRequest
  /** the server's process, for its CPU time per answered request */
  serverPid?: number
  /** over https: the CA that signed the server's certificate */
  caPem?: string
  /** over https: the client certificate and key to present */
  clientCertificate?: { certPem: string; keyPem: string }
}

export interface LoadResult {
  /** successful (2xx) requests per second during the measured window */
  perSecond: number
  p50Ms: number
  p99Ms: number
  ok: number
  failed: number
  /** first failure seen, for the report */
  firstFailure?: string
  /** this process' CPU use while measuring, in cores: near 1 means the generator, not the server, was the limit */
  generatorCores: number
  /** the server's CPU time per successful request while measuring, in µs; with serverPid only */
  serverCpuPerRequestUs?: number
}

// One TLS context for all the agent's connections: given PEMs instead, node parses the CA, the
// certificate and the key again for every connection, synchronously, in the generator.
const newAgent = (options: Pick<LoadOptions, 'url' | 'concurrency' | 'caPem' | 'clientCertificate'>): Agent => options.url.startsWith('https:')
  ? new HttpsAgent({
    keepAlive: true, maxSockets: options.concurrency,
    secureContext: createSecureContext({
      ...(options.caPem ? { ca: options.caPem } : {}),
      ...(options.clientCertificate ? { cert: options.clientCertificate.certPem, key: options.clientCertificate.keyPem } : {}),
    }),
  })
  : new Agent({ keepAlive: true, maxSockets: options.concurrency })

/** Sends one request and reads the whole response; resolves with status and body text. */
export function send(url: string, agent: Agent, req: BenchRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, ...(req.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(req.body)) }) }
    const sendVia = url.startsWith('https:') ? httpsRequest : request
    const outgoing = sendVia(url + req.path, { method: req.method, agent, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8').on('data', (text: string) => (body += text))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      res.on('error', reject)
    })
    outgoing.on('error', reject)
    outgoing.end(req.body)
  })
}

/** Closed-loop load: `concurrency` workers, each sending its next request as soon as the last answered. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = newAgent(options)
  const latenciesMs: number[] = []
  let i = 0
  let failed = 0
  let firstFailure: string | undefined
  let isMeasuring = false
  let stopAt = performance.now() + options.warmupMs
  // Each worker sends at least one request while warming up, however long its connection takes to
  // open (a TLS handshake on a loaded machine can take a second): none is opened while measuring.
  const worker = async () => {
    let isFirst = !isMeasuring
    while (isFirst || performance.now() < stopAt) {
      isFirst = false
      const measured = isMeasuring
      const startedMs = performance.now()
      try {
        const { status, body } = await send(options.url, agent, options.next(i++))
        if (status < 200 || status > 299) throw new Error(`HTTP ${status}: ${body.slice(0, 200)}`)
        if (measured) latenciesMs.push(performance.now() - startedMs)
      } catch (error) {
        failed += 1
        firstFailure ??= (error as Error).message
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker))
  isMeasuring = true
  const cpuBefore = process.cpuUsage()
  const serverCpu = options.serverPid === undefined ? undefined : trackCpuTime(options.serverPid)
  const startedMs = performance.now()
  stopAt = startedMs + options.durationMs
  await Promise.all(Array.from({ length: options.concurrency }, worker))
  const elapsedMs = performance.now() - startedMs
  const cpu = process.cpuUsage(cpuBefore)
  const serverSeconds = serverCpu?.stop().seconds
  agent.destroy()
  return {
    perSecond: (latenciesMs.length / elapsedMs) * 1000,
    p50Ms: percentile(latenciesMs, 0.5),
    p99Ms: percentile(latenciesMs, 0.99),
    ok: latenciesMs.length,
    failed,
    firstFailure,
    generatorCores: (cpu.user + cpu.system) / 1000 / elapsedMs,
    ...(serverSeconds === undefined ? {} : { serverCpuPerRequestUs: (serverSeconds * 1e6) / latenciesMs.length }),
  }
}

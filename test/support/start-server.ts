import { mkdtempSync } from 'node:fs'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eventually } from './eventually.js'
import { agentFor, anonymousAgentFor, rememberServer, type ServerTarget } from './server-credentials.js'
import { startWatchplane, type RunningWatchplane, type StartOptions } from '../../src/start-watchplane.js'

/**
 * A real server on an ephemeral port over a real SQLite file in its own temp dir, serving https;
 * the helpers here then reach it as its admin (kubernetes-admin, system:masters).
 */
export async function startServer(options: StartOptions = {}): Promise<RunningWatchplane> {
  const server = await startWatchplane({ logLevel: 'silent', ...options })
  rememberServer(server)
  return server
}

export const tempDataDir = () => mkdtempSync(join(tmpdir(), 'watchplane-test-'))

export interface RequestInit {
  method?: string
  /** sent as JSON */
  body?: unknown
  /** sent as it is, instead of `body` */
  rawBody?: string | Uint8Array
  contentType?: string
  accept?: string
  /** more headers (a bearer token, impersonation), as they are */
  headers?: Record<string, string>
  /** send no client certificate: the request has only what `headers` carry (a token, or nothing) */
  withoutClientCertificate?: boolean
  /** aborts the request (and the read of its answer) after this long */
  timeoutMs?: number
}
/** proof's name for the same options */
export type RequestOptions = RequestInit

export interface Response {
  status: number
  body: any
  headers: Headers
  text: string
}

function headersOf(res: IncomingMessage): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(res.headers)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v)
  }
  return headers
}

/** Sends the request; resolves with the answer's head, its body still to read. */
function send(base: string | ServerTarget, path: string, init: RequestInit): Promise<IncomingMessage> {
  const url = new URL((typeof base === 'string' ? base : base.url) + path)
  const headers: Record<string, string> = { ...init.headers }
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body))
  if (body !== undefined) {
    const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')
    if (!hasContentType) headers['content-type'] = init.contentType ?? 'application/json'
    headers['content-length'] = String(Buffer.byteLength(body))
  }
  if (init.accept) headers.accept = init.accept
  const isHttps = url.protocol === 'https:'
  const agent = isHttps && init.withoutClientCertificate ? anonymousAgentFor(url) : agentFor(url)
  const signal = init.timeoutMs === undefined ? undefined : AbortSignal.timeout(init.timeoutMs)
  const sendVia = isHttps ? httpsRequest : httpRequest
  const attempt = (isRetry: boolean) => new Promise<IncomingMessage>((resolve, reject) => {
    const req = sendVia(url, { method: init.method ?? 'GET', headers, agent, ...(signal ? { signal } : {}) }, resolve)
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive connection the server closed just as this request went out: the request never
      // reached it, and node's docs say to send it again (http.ClientRequest reusedSocket).
      if (!isRetry && req.reusedSocket && error.code === 'ECONNRESET') resolve(attempt(true))
      else reject(error)
    })
    req.end(body)
  })
  return attempt(false)
}

function readWhole(res: IncomingMessage): Promise<Response> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    res.on('data', (chunk: Buffer) => chunks.push(chunk))
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      resolve({ status: res.statusCode ?? 0, body: parseJson(text), headers: headersOf(res), text })
    })
    res.on('error', reject)
  })
}

/**
 * HTTP helper: JSON in, status and parsed JSON out. `base` is a server started here (or its URL):
 * over https the request presents the admin's client certificate unless told otherwise.
 */
export async function request(base: string | ServerTarget, path: string, init: RequestInit = {}): Promise<Response> {
  return readWhole(await send(base, path, init))
}

/**
 * As request(), for a request that may turn out to be a watch: a 2xx streamed answer (no
 * Content-Length) is closed once its head arrives, and `isStream` says so; anything else is read whole.
 */
export async function requestUnlessStream(base: string | ServerTarget, path: string, init: RequestInit = {}): Promise<Response & { isStream: boolean }> {
  const res = await send(base, path, init)
  const status = res.statusCode ?? 0
  if (status >= 200 && status < 300 && res.headers['content-length'] === undefined) {
    res.destroy()
    return { status, body: undefined, headers: headersOf(res), text: '', isStream: true }
  }
  return { ...(await readWhole(res)), isStream: false }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * Resolves once the server's controllers have given a new namespace what every namespace holds
 * (its default ServiceAccount and kube-root-ca.crt), so a test counting revisions starts after them.
 */
export async function namespaceSettled(baseUrl: string, namespace: string): Promise<void> {
  await eventually(async () => {
    const account = await request(baseUrl, `/api/v1/namespaces/${namespace}/serviceaccounts/default`)
    const rootCa = await request(baseUrl, `/api/v1/namespaces/${namespace}/configmaps/kube-root-ca.crt`)
    if (account.status !== 200 || rootCa.status !== 200) throw new Error(`namespace ${namespace} is not settled yet`)
  }, { timeoutMs: 5000 })
}

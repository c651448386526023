import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eventually } from './eventually.js'
import { startWatchplane, type RunningWatchplane, type StartOptions } from '../../src/start-watchplane.js'

/** A real server on an ephemeral port over a real SQLite file in its own temp dir. */
export function startServer(options: StartOptions = {}): Promise<RunningWatchplane> {
  return startWatchplane({ logLevel: 'silent', ...options })
}

export const tempDataDir = () => mkdtempSync(join(tmpdir(), 'watchplane-test-'))

export interface RequestOptions {
  method?: string
  /** sent as JSON */
  body?: unknown
  /** sent as it is, instead of `body` */
  rawBody?: string | Uint8Array
  contentType?: string
  accept?: string
  /** more request headers, as they are */
  headers?: Record<string, string>
  /** aborts the request (and the read of its answer) after this long */
  timeoutMs?: number
}

function send(baseUrl: string, path: string, init: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers }
  const hasBody = init.body !== undefined || init.rawBody !== undefined
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')
  if (hasBody && !hasContentType) headers['content-type'] = init.contentType ?? 'application/json'
  if (init.accept) headers.accept = init.accept
  return fetch(baseUrl + path, {
    method: init.method ?? 'GET',
    headers,
    body: typeof init.rawBody === 'object' ? Buffer.from(init.rawBody) : init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    ...(init.timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(init.timeoutMs) }),
  })
}

const parsedJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** HTTP helper: JSON in, status and parsed JSON out. */
export async function request(
  baseUrl: string,
  path: string,
  init: RequestOptions = {},
): Promise<{ status: number; body: any; headers: Headers; text: string }> {
  const response = await send(baseUrl, path, init)
  const text = await response.text()
  return { status: response.status, body: parsedJson(text), headers: response.headers, text }
}

/**
 * As request(), for a request that may turn out to be a watch: a 2xx streamed answer (no
 * Content-Length) is closed once its head arrives, and `isStream` says so; anything else is read whole.
 */
export async function requestUnlessStream(
  baseUrl: string,
  path: string,
  init: RequestOptions = {},
): Promise<{ status: number; body: any; headers: Headers; text: string; isStream: boolean }> {
  const response = await send(baseUrl, path, init)
  if (response.ok && !response.headers.has('content-length')) {
    await response.body?.cancel()
    return { status: response.status, body: undefined, headers: response.headers, text: '', isStream: true }
  }
  const text = await response.text()
  return { status: response.status, body: parsedJson(text), headers: response.headers, text, isStream: false }
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

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

/** HTTP helper: JSON in, status and parsed JSON out. */
export async function request(
  baseUrl: string,
  path: string,
  init: { method?: string; body?: unknown; rawBody?: string; contentType?: string; accept?: string } = {},
): Promise<{ status: number; body: any; headers: Headers; text: string }> {
  const headers: Record<string, string> = {}
  const hasBody = init.body !== undefined || init.rawBody !== undefined
  if (hasBody) headers['content-type'] = init.contentType ?? 'application/json'
  if (init.accept) headers.accept = init.accept
  const response = await fetch(baseUrl + path, {
    method: init.method ?? 'GET',
    headers,
    body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  })
  const text = await response.text()
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  return { status: response.status, body, headers: response.headers, text }
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

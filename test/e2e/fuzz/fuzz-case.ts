import type { RawPart, RawResponse } from '../../support/raw-connection.js'

/** A request an HTTP client can send (fetch): odd paths, queries, headers and bodies. */
export interface HttpCase {
  kind: 'http'
  family: string
  method: string
  path: string
  headers?: Record<string, string>
  body?: string | Uint8Array
  /** the code the answer must have (kept regression cases) */
  expectCode?: number
}

/**
 * Bytes no HTTP client sends, over a socket of their own. `answer`: a Status must come back
 * (then the server may close); `close`: the server must close the connection in time (a Status
 * first is welcome); `answer-or-close`: either.
 */
export interface RawCase {
  kind: 'raw'
  family: string
  parts: RawPart[]
  expect: 'answer' | 'close' | 'answer-or-close'
  expectCode?: number
  /** stop reading once this many whole responses came (keep-alive answers leave the socket open) */
  untilResponses?: number
  /** the exchange must be over within this */
  deadlineMs: number
}

export type FuzzCase = HttpCase | RawCase

/** What running one case found: nothing (ok), or the property it broke. */
export interface Verdict {
  status?: number
  isStream?: boolean
  problem?: string
  ms: number
}

/** Codes a Status may carry for bad input; 504 only as kube's wait for a resourceVersion from the future. */
export const ALLOWED_ERROR_CODES = new Set([400, 401, 403, 404, 405, 406, 408, 409, 410, 413, 415, 422, 431])

/** The problem with one answer, if any: a 5xx, or an error that is not a JSON Status of its own code (a HEAD answer has no body). */
export function problemWithAnswer(status: number, contentType: string | null | undefined, text: string, isHead = false): string | undefined {
  if (status < 400) return undefined
  if (isHead) return status >= 500 && status !== 504 ? `${status} to a HEAD` : undefined
  let body: any
  try {
    body = JSON.parse(text)
  } catch {
    return `${status} without a JSON body: ${JSON.stringify(text.slice(0, 120))}`
  }
  if (body?.kind !== 'Status' || body.code !== status) return `${status} whose body is not its Status: ${text.slice(0, 160)}`
  if (!contentType?.startsWith('application/json')) return `${status} Status served as ${contentType}`
  const isFutureRevisionWait = status === 504 && body.reason === 'Timeout' && body.details?.causes?.[0]?.reason === 'ResourceVersionTooLarge'
  if (!ALLOWED_ERROR_CODES.has(status) && !isFutureRevisionWait) return `unexpected ${status}: ${body.message}`
  return undefined
}

/** Responses read off a raw socket: a 101 (WebSocket), 100 Continue and 2xx are fine; errors must be Statuses. */
export function problemWithRawResponses(responses: RawResponse[]): string | undefined {
  for (const r of responses) {
    const problem = problemWithAnswer(r.status, r.headers['content-type'], r.body)
    if (problem) return problem
  }
  return undefined
}

/** One line that says how to run a case again alone. */
export const describeCase = (c: FuzzCase, index: number, seed: number): string => {
  const what = c.kind === 'http'
    ? `${c.method} ${c.path.slice(0, 160)} ${JSON.stringify(c.headers ?? {}).slice(0, 160)} body ${typeof c.body === 'string' ? JSON.stringify(c.body.slice(0, 160)) : `${c.body?.length ?? 0} bytes`}`
    : `raw ${JSON.stringify(c.parts.map((p) => (typeof p === 'string' ? p.slice(0, 160) : 'pauseMs' in p ? p : `${p.length} bytes`)))}`
  return `case ${index} (${c.family}; WATCHPLANE_FUZZ_SEED=${seed} WATCHPLANE_FUZZ_CASE=${index}): ${what}`
}

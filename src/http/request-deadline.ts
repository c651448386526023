import type { ServerResponse } from 'node:http'
import type { Logger } from 'pino'
import { badRequest, timeout } from '../api/errors.js'
import { parseGoDuration } from '../api/go-duration.js'
import { sendError } from './middleware/error-handler.js'

/**
 * How long a request that is no watch may take: `?timeout=` (a Go duration) when it is shorter
 * than the server's maximum (`--request-timeout-ms`, kube's `--request-timeout`, 60 s), else the
 * maximum; `0` means no wish. A malformed one is a 400. (k8s: staging/apiserver/pkg/endpoints/
 * filters/request_deadline.go WithRequestDeadline, parseTimeout.)
 */
export function requestDeadlineMs(query: URLSearchParams, maxMs: number): number {
  const value = query.get('timeout')
  if (!value) return maxMs
  let wishedMs: number
  try {
    wishedMs = parseGoDuration(value)
  } catch (error) {
    throw badRequest(`invalid timeout specified in the request URL - ${(error as Error).message}`)
  }
  return wishedMs > 0 && wishedMs < maxMs ? wishedMs : maxMs
}

/**
 * Past its deadline a request is answered 504 `Timeout: request did not complete within the allotted
 * timeout`, or, when its answer has begun (a list being streamed), its connection is cut, as kube's
 * timeout filter does (k8s: staging/apiserver/pkg/server/filters/timeout.go). Work under way goes
 * on, as kube's does: a write may still commit; its answer is dropped (respond.ts).
 */
export function startRequestDeadline(res: ServerResponse, deadlineMs: number, log: Logger): void {
  const timer = setTimeout(() => {
    if (res.headersSent) return void res.destroy()
    log.debug({ deadlineMs }, 'request deadline passed')
    sendError(res, timeout('Timeout: request did not complete within the allotted timeout'), log)
  }, deadlineMs)
  res.once('close', () => clearTimeout(timer))
}

import type { ServerResponse } from 'node:http'
import type { Logger } from 'pino'
import { ApiError, internalError } from '../../api/errors.js'
import { sendJson } from '../respond.js'

/**
 * The only place a failure becomes a response: ApiError → its Status; anything else is a bug,
 * logged and answered 500 as a Status (never a crash, never a hang).
 */
export function sendError(res: ServerResponse, error: unknown, log: Logger): void {
  const apiError = error instanceof ApiError ? error : internalError('an unexpected error occurred')
  if (!(error instanceof ApiError)) log.error({ err: error }, 'request failed')
  // already answered (the request deadline's 504): a later failure of the work goes unsaid
  if (res.writableEnded) return
  if (res.headersSent) {
    res.destroy()
    return
  }
  const headers = apiError.code === 429 ? { 'Retry-After': '1' } : undefined
  if (headers) res.setHeader('Retry-After', headers['Retry-After'])
  sendJson(res, apiError.code, apiError.toStatus())
}

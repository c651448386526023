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
  if (res.headersSent) {
    res.destroy()
    return
  }
  const retryAfterSeconds = apiError.details?.retryAfterSeconds
  if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds))
  sendJson(res, apiError.code, apiError.toStatus())
}

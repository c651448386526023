import type { ServerResponse } from 'node:http'
import type { Logger } from 'pino'
import { ApiError, internalError } from '../../api/errors.js'
import type { Status } from '../../api/types.js'
import { sendJson } from '../respond.js'

// The Status each errored response was given, for its audit event.
const sentStatuses = new WeakMap<ServerResponse, Status>()

/** The Status sendError answered a response with, if it did. */
export const statusSentOn = (res: ServerResponse): Status | undefined => sentStatuses.get(res)

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
  const retryAfterSeconds = apiError.details?.retryAfterSeconds
  if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds))
  const status = apiError.toStatus()
  sentStatuses.set(res, status)
  sendJson(res, apiError.code, status)
}

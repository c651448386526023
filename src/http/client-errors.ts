import type { Server } from 'node:http'
import type { Socket } from 'node:net'
import type { Logger } from 'pino'
import { badRequest, headersTooLarge, requestTimeout, type ApiError } from '../api/errors.js'

/** How long a client whose request was refused here may still read the answer before the connection is cut. */
const CUT_AFTER_MS = 1000

// node's codes for what its parser refused (llhttp's HPE_*) and for its timeouts.
function apiErrorOf(error: NodeJS.ErrnoException): ApiError {
  if (error.code === 'HPE_HEADER_OVERFLOW') return headersTooLarge()
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return requestTimeout()
  return badRequest(`malformed HTTP request: ${error.code ?? error.message}`)
}

function rawResponse(error: ApiError): string {
  const body = JSON.stringify(error.toStatus())
  return `HTTP/1.1 ${error.code} ${error.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
}

/**
 * What node's HTTP parser refuses before any handler runs (not HTTP at all, a malformed request
 * line or header, headers past node's limit, a request not received within the request timeout)
 * is answered with a Status, as every other failure is, instead of node's bare 400 or 408. The
 * socket is then half-closed, so that a client still sending reads the answer rather than a reset,
 * and cut a moment later. A socket whose current response has begun is only cut.
 */
export function answerClientErrors(server: Server, log: Logger): void {
  const answered = new WeakSet<Socket>()
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (answered.has(socket)) return
    answered.add(socket)
    setTimeout(() => socket.destroy(), CUT_AFTER_MS).unref()
    // node's own handler checks the same internal field (lib/_http_server.js socketOnError).
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent: boolean } })._httpMessage
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) return void socket.destroy()
    const apiError = apiErrorOf(error)
    log.debug({ code: error.code, status: apiError.code }, 'client error')
    socket.end(rawResponse(apiError))
  })
}

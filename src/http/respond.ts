import type { ServerResponse } from 'node:http'
import { warningHeaders } from './warning-headers.js'

/** Sends JSON text already serialized (objects from storage are never re-encoded). */
export function sendJsonText(res: ServerResponse, statusCode: number, json: string, warnings: readonly string[] = []): void {
  // already answered: the request deadline passed (request-deadline.ts) while the work went on
  if (res.writableEnded) return
  const headers: Record<string, string | string[]> = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(json)),
    'Cache-Control': 'no-cache, private',
  }
  if (warnings.length) headers.Warning = warningHeaders(warnings)
  res.writeHead(statusCode, headers)
  res.end(json)
}

export const sendJson = (res: ServerResponse, statusCode: number, body: unknown, warnings: readonly string[] = []) =>
  sendJsonText(res, statusCode, JSON.stringify(body), warnings)

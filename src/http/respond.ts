import type { ServerResponse } from 'node:http'

/** Sends JSON text already serialized (objects from storage are never re-encoded). */
export function sendJsonText(res: ServerResponse, statusCode: number, json: string, warnings: readonly string[] = []): void {
  const headers: Record<string, string | string[]> = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(json)),
    'Cache-Control': 'no-cache, private',
  }
  if (warnings.length) headers.Warning = warnings.map(warningHeader)
  res.writeHead(statusCode, headers)
  res.end(json)
}

export const sendJson = (res: ServerResponse, statusCode: number, body: unknown, warnings: readonly string[] = []) =>
  sendJsonText(res, statusCode, JSON.stringify(body), warnings)

// RFC 7234 warn-text: code 299, agent "-", quoted text with inner quotes escaped (kubectl drops it otherwise).
const warningHeader = (text: string) => `299 - "${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

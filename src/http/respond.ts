import type { ServerResponse } from 'node:http'

/** Sends JSON text already serialized (objects from storage are never re-encoded). */
export function sendJsonText(res: ServerResponse, statusCode: number, json: string, warnings: readonly string[] = []): void {
  const headers: Record<string, string | string[]> = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(json)),
    'Cache-Control': 'no-cache, private',
  }
  if (warnings.length) headers.Warning = warnings.map(warningHeaderValue)
  res.writeHead(statusCode, headers)
  res.end(json)
}

export const sendJson = (res: ServerResponse, statusCode: number, body: unknown, warnings: readonly string[] = []) =>
  sendJsonText(res, statusCode, JSON.stringify(body), warnings)

/** A warning as kube-apiserver sends it: `299 - "<text>"`, with `"` and `\` escaped inside the quotes. */
export function warningHeaderValue(text: string): string {
  return `299 - "${text.replace(/[\\"]/g, '\\$&')}"`
}

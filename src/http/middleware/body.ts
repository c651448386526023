import type { IncomingMessage } from 'node:http'
import { badRequest, tooLarge, unsupportedMediaType } from '../../api/errors.js'
import { createRequire } from 'node:module'

/** The media type without parameters, lower-cased; a missing Content-Type reads as JSON (kubectl scale sends none). */
export function mediaTypeOf(req: IncomingMessage): string {
  const raw = req.headers['content-type']
  if (!raw) return 'application/json'
  return raw.split(';')[0]!.trim().toLowerCase()
}

/** Reads the whole body, refusing more than `maxBytes` with 413 before buffering it. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > maxBytes) {
    req.resume()
    return Promise.reject(tooLarge(maxBytes))
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        req.removeAllListeners('data')
        req.resume()
        reject(tooLarge(maxBytes))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

// YAML bodies are rare (kubectl sends JSON): load the parser on first use, not at start.
const requireLazily = createRequire(import.meta.url)
const parseYaml = (text: string): unknown => (requireLazily('yaml') as typeof import('yaml')).parse(text)

export const OBJECT_MEDIA_TYPES = ['application/json', 'application/yaml'] as const

/** Decodes an object body (create, update): JSON, or YAML as kube also accepts; 400 when malformed. */
export function decodeBody(body: Buffer, mediaType: string, accepted: readonly string[] = OBJECT_MEDIA_TYPES): unknown {
  if (!accepted.includes(mediaType)) throw unsupportedMediaType(mediaType, accepted)
  const text = body.toString('utf8')
  if (text.trim() === '') throw badRequest('the request body is empty')
  try {
    return mediaType === 'application/yaml' ? parseYaml(text) : JSON.parse(text)
  } catch (error) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(error as Error).message}`)
  }
}

import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import { badRequest, tooLarge, unsupportedMediaType } from '../../api/errors.js'
import { checkNestingDepth, MAX_NESTING_DEPTH } from '../../api/nesting-depth.js'
import { jsonValueOf } from './yaml-values.js'
import { createRequire } from 'node:module'
import { type BodyKind, decodeProtobufObject, decodesProtobuf, PROTOBUF_MEDIA_TYPE } from '../../api/protobuf/decode-protobuf-object.js'

/** The media type without parameters, lower-cased; a missing Content-Type reads as JSON (kubectl scale sends none). */
export function mediaTypeOf(req: IncomingMessage): string {
  const raw = req.headers['content-type']
  if (!raw) return 'application/json'
  return raw.split(';')[0]!.trim().toLowerCase()
}

/**
 * How much more of an oversized body is read, and dropped, after the 413: a client still sending
 * reads the answer instead of a reset. Past it the server half-closes and, after a moment to read
 * the answer, cuts the connection (Go's server does the same: net/http maxPostHandlerReadBytes,
 * then closeWriteAndWait).
 */
export const OVERSIZE_DRAIN_BYTES = 4 * 1024 * 1024
const CUT_AFTER_MS = 1000

// Connections being cut after an oversized body: a request that still arrives on one is never served.
const cutConnections = new WeakSet<Socket>()

function drainOversized(req: IncomingMessage): void {
  let drainedBytes = 0
  req.removeAllListeners('data')
  req.on('data', (chunk: Buffer) => {
    drainedBytes += chunk.length
    if (drainedBytes <= OVERSIZE_DRAIN_BYTES || req.socket.writableEnded) return
    cutConnections.add(req.socket)
    req.socket.end()
    setTimeout(() => req.socket.destroy(), CUT_AFTER_MS).unref()
  })
  req.resume()
}

/**
 * Whether the request came on a connection the server is cutting (drainOversized). Its 413 did
 * not say `Connection: close` (node would then close at once, resetting a client still uploading),
 * so a client may send its next request on it: Go's server reads no more requests on a connection
 * it closes (closeWriteAndWait), and neither do we, or a create served there, its answer lost to
 * the cut, would be sent again by a client that retries on a reused connection's reset.
 */
export const isCutConnection = (req: IncomingMessage): boolean => cutConnections.has(req.socket)

/** Reads the whole body, refusing more than `maxBytes` with 413 before buffering it. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > maxBytes) {
    drainOversized(req)
    return Promise.reject(tooLarge(maxBytes))
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        drainOversized(req)
        reject(tooLarge(maxBytes))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)))
    req.on('error', reject)
    // A client gone mid-body (or cut by the request timeout) settles the read: no handler waits forever.
    req.on('close', () => {
      if (!req.complete) reject(badRequest('the request body ended before its end'))
    })
  })
}

// YAML bodies are rare (kubectl sends JSON): load the parser on first use, not at start.
const requireLazily = createRequire(import.meta.url)
// logLevel: a client's unknown tags are its own business, never a warning on the server's stderr.
const parseYaml = (text: string): unknown => (requireLazily('yaml') as typeof import('yaml')).parse(text, jsonValueOf, { logLevel: 'error' })

/**
 * What kube-apiserver decodes for built-in kinds (its 415 lists them); kinds without protobuf
 * messages (custom resources) take JSON and YAML only, as the CRD handler does.
 */
export const OBJECT_MEDIA_TYPES = ['application/json', 'application/yaml', PROTOBUF_MEDIA_TYPE] as const
const TEXT_MEDIA_TYPES = ['application/json', 'application/yaml'] as const

/** A decoded body, and its text when it came as JSON or YAML (validation finds duplicate fields in JSON text). */
export interface DecodedText {
  decoded: unknown
  text?: string
}

/**
 * Decodes an object body (create, update, subresources) of the URL's kind: JSON, YAML as kube also
 * accepts, or protobuf from typed clients (kubectl create …) into the same JSON object; 400 when
 * malformed, 415 for any other media type. Protobuf is never a patch type (handlers/patch.ts).
 */
export function decodeBody(body: Buffer, mediaType: string, bodyKind: BodyKind): DecodedText {
  if (isTextMediaType(mediaType)) {
    const text = body.toString('utf8')
    return { decoded: decodeText(text, mediaType), text }
  }
  // Only a body that is not text asks whether the kind has a protobuf message (the 415 lists what it takes).
  const accepted = decodesProtobuf(bodyKind) ? OBJECT_MEDIA_TYPES : TEXT_MEDIA_TYPES
  if (!(accepted as readonly string[]).includes(mediaType)) throw unsupportedMediaType(mediaType, accepted)
  return { decoded: checkNestingDepth(decodeProtobufObject(body, bodyKind)) }
}

const isTextMediaType = (mediaType: string): mediaType is (typeof TEXT_MEDIA_TYPES)[number] =>
  (TEXT_MEDIA_TYPES as readonly string[]).includes(mediaType)

/** A JSON or YAML body's text decoded; 400 when empty or malformed. */
function decodeText(text: string, mediaType: (typeof TEXT_MEDIA_TYPES)[number]): unknown {
  if (!NOT_BLANK.test(text)) throw badRequest('the request body is empty')
  const isYaml = mediaType === 'application/yaml'
  let decoded: unknown
  try {
    decoded = isYaml ? parseYaml(text) : JSON.parse(text)
  } catch (error) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(error as Error).message}`)
  }
  // Each level of JSON takes an opening and a closing bracket: a short JSON text cannot nest too deep.
  return isYaml || text.length > 2 * MAX_NESTING_DEPTH ? checkNestingDepth(decoded) : decoded
}

// the whitespace String.prototype.trim removes is what \s matches: the test stops at the first other character
const NOT_BLANK = /\S/

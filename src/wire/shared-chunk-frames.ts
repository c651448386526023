// One chunk per event, not one per watcher: a payload Buffer is shared by every watcher of its
// format (watch/encoded-change.ts), so its chunk is built the first time a watcher sends it and
// reused by the rest while the payload lives (as shared-text-frames.ts does for WebSocket).
const chunksByPayload = new WeakMap<Buffer, Buffer>()
const CRLF = Buffer.from('\r\n')

/**
 * Past this size a payload goes out as header, payload, CRLF, uncopied: it is a large object, or a
 * page of joined replay frames (watch/joined-frames.ts), a view each watcher makes for itself, and
 * copying it into a chunk would cost more than the two writes it saves.
 */
const MAX_SHARED_BYTES = 16 * 1024

/** the chunk-size line node's OutgoingMessage writes before a chunk: hex length, CRLF (RFC 9112 §7.1) */
const chunkHeaderOf = (length: number) => Buffer.from(`${length.toString(16)}\r\n`, 'latin1')

/** `payload` as one chunk of a chunked body: the bytes node's `response.write(payload)` sends */
export function chunkOf(payload: Buffer): Buffer {
  let chunk = chunksByPayload.get(payload)
  if (chunk) return chunk
  chunk = Buffer.concat([chunkHeaderOf(payload.length), payload, CRLF])
  chunksByPayload.set(payload, chunk)
  return chunk
}

/** A stream that takes writes (a socket). */
interface Writes {
  write(bytes: Buffer): boolean
}

/** Writes `payload` as one chunk; false once the stream wants no more (its backpressure). */
export function writeChunk(stream: Writes, payload: Buffer): boolean {
  // a zero-length chunk is the body's end (node's write() sends nothing for one either)
  if (payload.length === 0) return true
  if (payload.length <= MAX_SHARED_BYTES) return stream.write(chunkOf(payload))
  stream.write(chunkHeaderOf(payload.length))
  stream.write(payload)
  return stream.write(CRLF)
}

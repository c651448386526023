import { WireType } from '@bufbuild/protobuf/wire'
import { asProtobufError, ProtobufError, wrongWireType } from './protobuf-error.js'
import { WireCursor } from './wire-cursor.js'

/** "k8s\0": every protobuf body of the Kubernetes API starts with it (runtime/serializer/protobuf/protobuf.go). */
export const PROTOBUF_MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00)

/** runtime.Unknown, the wrapper after the magic: the object's type and its message bytes. */
export interface ProtobufEnvelope {
  /** typeMeta.apiVersion, e.g. `apps/v1`; empty when the client left it out */
  apiVersion: string
  kind: string
  /** the object message; empty when absent (gogo leaves Raw nil, which decodes as the empty object) */
  raw: Uint8Array
}

/**
 * Reads the magic and the runtime.Unknown message, with the errors of the protobuf Serializer.Decode
 * (k8s: apimachinery pkg/runtime/serializer/protobuf/protobuf.go). contentEncoding and contentType
 * are read and ignored, as Decode ignores them.
 */
export function readEnvelope(body: Uint8Array): ProtobufEnvelope {
  if (body.length === 0) throw new ProtobufError('empty data')
  if (!startsWithMagic(body)) {
    throw new ProtobufError(`provided data does not appear to be a protobuf message, expected prefix [${PROTOBUF_MAGIC.join(' ')}]`)
  }
  if (body.length === PROTOBUF_MAGIC.length) throw new ProtobufError('empty body')
  try {
    return readUnknown(Buffer.from(body.buffer, body.byteOffset, body.byteLength))
  } catch (error) {
    throw asProtobufError(error)
  }
}

function startsWithMagic(body: Uint8Array): boolean {
  if (body.length < PROTOBUF_MAGIC.length) return false
  for (let i = 0; i < PROTOBUF_MAGIC.length; i++) if (body[i] !== PROTOBUF_MAGIC[i]) return false
  return true
}

/** runtime.Unknown, after the magic; `raw` is a view of the body. */
function readUnknown(buf: Buffer): ProtobufEnvelope {
  const envelope: ProtobufEnvelope = { apiVersion: '', kind: '', raw: new Uint8Array(0) }
  const cursor = new WireCursor(buf, PROTOBUF_MAGIC.length, buf.length)
  while (cursor.pos < cursor.end) {
    const fieldNumber = cursor.tag('runtime.Unknown')
    const wireType = cursor.wireType
    if (fieldNumber > 4) {
      cursor.skip(wireType, fieldNumber)
      continue
    }
    if (wireType !== WireType.LengthDelimited) throw wrongWireType(wireType, ['TypeMeta', 'Raw', 'ContentEncoding', 'ContentType'][fieldNumber - 1]!)
    const start = cursor.delimited()
    if (fieldNumber === 1) readTypeMeta(new WireCursor(buf, start, cursor.pos), envelope)
    else if (fieldNumber === 2) envelope.raw = Buffer.from(buf.buffer, buf.byteOffset + start, cursor.pos - start)
  }
  return envelope
}

/** runtime.TypeMeta {1 apiVersion, 2 kind}; a repeated typeMeta merges, as gogo merges messages. */
function readTypeMeta(cursor: WireCursor, envelope: ProtobufEnvelope): void {
  while (cursor.pos < cursor.end) {
    const fieldNumber = cursor.tag('runtime.TypeMeta')
    const wireType = cursor.wireType
    if (fieldNumber > 2) {
      cursor.skip(wireType, fieldNumber)
      continue
    }
    if (wireType !== WireType.LengthDelimited) throw wrongWireType(wireType, fieldNumber === 1 ? 'APIVersion' : 'Kind')
    if (fieldNumber === 1) envelope.apiVersion = cursor.string()
    else envelope.kind = cursor.string()
  }
}

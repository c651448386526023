import { BinaryReader, WireType } from '@bufbuild/protobuf/wire'
import { asProtobufError, ProtobufError, wrongWireType } from './protobuf-error.js'
import { readTag, skipField } from './wire-fields.js'

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
  if (body.length < PROTOBUF_MAGIC.length || PROTOBUF_MAGIC.some((byte, i) => body[i] !== byte)) {
    throw new ProtobufError(`provided data does not appear to be a protobuf message, expected prefix [${PROTOBUF_MAGIC.join(' ')}]`)
  }
  if (body.length === PROTOBUF_MAGIC.length) throw new ProtobufError('empty body')
  try {
    return readUnknown(body.subarray(PROTOBUF_MAGIC.length))
  } catch (error) {
    throw asProtobufError(error)
  }
}

function readUnknown(bytes: Uint8Array): ProtobufEnvelope {
  const envelope: ProtobufEnvelope = { apiVersion: '', kind: '', raw: new Uint8Array(0) }
  const reader = new BinaryReader(bytes)
  while (reader.pos < reader.len) {
    const [fieldNumber, wireType] = readTag(reader, 'runtime.Unknown')
    if (fieldNumber > 4) {
      skipField(reader, wireType, fieldNumber)
      continue
    }
    if (wireType !== WireType.LengthDelimited) throw wrongWireType(wireType, ['TypeMeta', 'Raw', 'ContentEncoding', 'ContentType'][fieldNumber - 1]!)
    const value = reader.bytes()
    if (fieldNumber === 1) readTypeMeta(value, envelope)
    else if (fieldNumber === 2) envelope.raw = value
  }
  return envelope
}

/** runtime.TypeMeta {1 apiVersion, 2 kind}; a repeated typeMeta merges, as gogo merges messages. */
function readTypeMeta(bytes: Uint8Array, envelope: ProtobufEnvelope): void {
  const reader = new BinaryReader(bytes)
  while (reader.pos < reader.len) {
    const [fieldNumber, wireType] = readTag(reader, 'runtime.TypeMeta')
    if (fieldNumber > 2) {
      skipField(reader, wireType, fieldNumber)
      continue
    }
    if (wireType !== WireType.LengthDelimited) throw wrongWireType(wireType, fieldNumber === 1 ? 'APIVersion' : 'Kind')
    if (fieldNumber === 1) envelope.apiVersion = reader.string()
    else envelope.kind = reader.string()
  }
}

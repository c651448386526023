import { WireType } from '@bufbuild/protobuf/wire'
import { durationString, microTimeJson, normalize, timeJson } from './go-time.js'
import { ProtobufError, wrongWireType } from './protobuf-error.js'
import { WireCursor } from './wire-cursor.js'

/**
 * The apimachinery types with hand-written protobuf or JSON (un)marshalers, decoded to the JSON their
 * MarshalJSON writes. Each gets every occurrence of its field (`chunks`, in wire order; none when
 * absent): gogo merges repeated occurrences of a message field, except where a custom Unmarshal
 * replaces the value (Time, MicroTime).
 */
export type SpecialDecoder = (chunks: readonly Buffer[]) => unknown

type ScalarValues = Map<number, bigint | number | string | Uint8Array>
type ScalarType = 'int64' | 'int32' | 'string' | 'bytes'

/** A small message of scalars: its Go name and, per field number, the type and Go field name. */
interface ScalarMessage {
  name: string
  fields: Record<number, [type: ScalarType, goName: string]>
}

/** The scalar fields of a small message, later occurrences winning (gogo's merge of scalars). */
function readScalars(chunks: readonly Buffer[], message: ScalarMessage): ScalarValues {
  const values: ScalarValues = new Map()
  for (const chunk of chunks) {
    const cursor = new WireCursor(chunk, 0, chunk.length)
    while (cursor.pos < cursor.end) {
      const fieldNumber = cursor.tag(message.name)
      const wireType = cursor.wireType
      const field = message.fields[fieldNumber]
      if (field === undefined) {
        cursor.skip(wireType, fieldNumber)
        continue
      }
      const [type, goName] = field
      const expected = type === 'string' || type === 'bytes' ? WireType.LengthDelimited : WireType.Varint
      if (wireType !== expected) throw wrongWireType(wireType, goName)
      values.set(fieldNumber, readScalar(type, cursor))
    }
  }
  return values
}

function readScalar(type: ScalarType, cursor: WireCursor): bigint | number | string | Uint8Array {
  if (type === 'int64') return cursor.int64BigInt()
  if (type === 'int32') return cursor.int32()
  if (type === 'string') return cursor.string()
  const start = cursor.delimited()
  return cursor.buf.subarray(start, cursor.pos)
}

const TIMESTAMP: ScalarMessage = { name: 'meta.v1.Timestamp', fields: { 1: ['int64', 'Seconds'], 2: ['int32', 'Nanos'] } }
const DURATION: ScalarMessage = { name: 'meta.v1.Duration', fields: { 1: ['int64', 'Duration'] } }
const INT_OR_STRING: ScalarMessage = { name: 'intstr.IntOrString', fields: { 1: ['int64', 'Type'], 2: ['int32', 'IntVal'], 3: ['string', 'StrVal'] } }
const QUANTITY: ScalarMessage = { name: 'resource.Quantity', fields: { 1: ['string', 'String_'] } }
const RAW_EXTENSION: ScalarMessage = { name: 'runtime.RawExtension', fields: { 1: ['bytes', 'Raw'] } }
const FIELDS_V1: ScalarMessage = { name: 'meta.v1.FieldsV1', fields: { 1: ['bytes', 'Raw'] } }

/** metav1.Time: time_proto.go Unmarshal replaces the value; empty bytes are the zero time. */
const time: SpecialDecoder = (chunks) => {
  const last = chunks.at(-1)
  if (last === undefined || last.length === 0) return null
  const values = readScalars([last], TIMESTAMP)
  return timeJson(Number(values.get(1) ?? 0n))
}

/** metav1.MicroTime: as Time, keeping microseconds (micro_time_proto.go truncates to them). */
const microTime: SpecialDecoder = (chunks) => {
  const last = chunks.at(-1)
  if (last === undefined || last.length === 0) return null
  const values = readScalars([last], TIMESTAMP)
  const nanos = (values.get(2) as number | undefined) ?? 0
  return microTimeJson(normalize(Number(values.get(1) ?? 0n), Math.trunc(nanos / 1000) * 1000))
}

/** metav1.Duration {1 duration int64 nanoseconds}: Go's Duration.String(). */
const duration: SpecialDecoder = (chunks) =>
  durationString((readScalars(chunks, DURATION).get(1) as bigint | undefined) ?? 0n)

/** intstr.IntOrString {1 type, 2 intVal, 3 strVal}: a number or a string (pkg/util/intstr/intstr.go). */
const intOrString: SpecialDecoder = (chunks) => {
  const values = readScalars(chunks, INT_OR_STRING)
  const type = (values.get(1) as bigint | undefined) ?? 0n
  if (type === 0n) return values.get(2) ?? 0
  if (type === 1n) return values.get(3) ?? ''
  throw new ProtobufError('impossible IntOrString.Type')
}

/**
 * resource.Quantity {1 string}: its text. Clients send the canonical form (Quantity.Marshal writes
 * String()); a malformed one is refused by the same check a JSON body meets. The zero Quantity is "0".
 */
const quantity: SpecialDecoder = (chunks) => readScalars(chunks, QUANTITY).get(1) ?? '0'

/** The first bytes RawExtension.guessContentType takes for JSON (pkg/runtime/extension.go). */
const JSON_FIRST_BYTES = new Set([...'\t\r\n {["-0123456789tfn'].map((c) => c.charCodeAt(0)))

/** runtime.RawExtension {1 raw}: the raw JSON as a value; null when absent (extension.go MarshalJSON). */
const rawExtension: SpecialDecoder = (chunks) => {
  const raw = readScalars(chunks, RAW_EXTENSION).get(1) as Uint8Array | undefined
  if (raw === undefined) return null
  if (raw.length === 0 || !JSON_FIRST_BYTES.has(raw[0]!)) {
    throw new ProtobufError('cannot convert RawExtension with unrecognized content type to unstructured')
  }
  return parseRawJson(raw, 'runtime.RawExtension')
}

/** metav1.FieldsV1 {1 raw}: the managed-fields set as JSON (pkg/apis/meta/v1/helpers.go MarshalJSON). */
const fieldsV1: SpecialDecoder = (chunks) => {
  const raw = readScalars(chunks, FIELDS_V1).get(1) as Uint8Array | undefined
  return raw === undefined ? null : parseRawJson(raw, 'v1.FieldsV1')
}

function parseRawJson(raw: Uint8Array, goType: string): unknown {
  try {
    return JSON.parse(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8'))
  } catch (error) {
    // Go's json.Marshal validates what MarshalJSON returns; a JSON.parse stack overflow on deep nesting lands here too.
    throw new ProtobufError(`json: error calling MarshalJSON for type ${goType}: ${(error as Error).message}`)
  }
}

export const SPECIAL_TYPES: Readonly<Record<string, SpecialDecoder>> = {
  'meta.v1.Time': time,
  'meta.v1.MicroTime': microTime,
  'meta.v1.Duration': duration,
  'meta.v1.FieldsV1': fieldsV1,
  'runtime.RawExtension': rawExtension,
  'intstr.IntOrString': intOrString,
  'resource.Quantity': quantity,
}

import { WireType } from '@bufbuild/protobuf/wire'
import type { JsonObject } from '../json-object.js'
import { EMPTY_STRUCT, OMITTED, presentJson, zeroOf } from './field-json.js'
import { type FieldPlan, type MessagePlan, messagePlan } from './message-plan.js'
import { ProtobufError, wrongWireType } from './protobuf-error.js'
import { WireCursor } from './wire-cursor.js'

/**
 * Nesting deeper than any k8s.io/api message reaches (the table has no recursive message), so only
 * a hostile body gets there.
 */
const MAX_DEPTH = 64

/**
 * Where a message's bytes lie in the body: [start, end) pairs, one per occurrence of a singular
 * message field (gogo merges them, which is what decoding them one after the other into the same
 * values does). Nested messages stay ranges of the one body buffer: nothing is copied.
 */
type Ranges = readonly number[]

const NO_RANGES: Ranges = []

/**
 * One message while it is decoded. `values` holds, per field slot, the scalar (last one wins), the
 * list of a repeated field, the entries of a map (key, value, key, value… in wire order), or the
 * ranges of a singular message field.
 */
interface Frame {
  plan: MessagePlan
  values: unknown[]
  depth: number
}

/**
 * Decodes one message into the JSON object encoding/json would write for the Go struct gogo would
 * have filled: Go field order, omitempty, pointers that keep explicit zeros, nil slices and maps as
 * null where the field has no omitempty, the special types' own MarshalJSON. `chunks` are the
 * message's occurrences, in wire order; none when absent.
 */
export function decodeMessage(name: string, chunks: readonly Uint8Array[]): unknown {
  const ranges: number[] = []
  let offset = 0
  for (const chunk of chunks) ranges.push(offset, (offset += chunk.byteLength))
  const only = chunks.length === 1 ? chunks[0]! : undefined
  const buf = only ? Buffer.from(only.buffer, only.byteOffset, only.byteLength) : Buffer.concat(chunks)
  return new BodyDecoder(buf).decode(messagePlan(name), ranges, 0)
}

/** The decoding of one body: every range it decodes is of `buf`. */
class BodyDecoder {
  constructor(readonly buf: Buffer) {}

  decode(plan: MessagePlan, ranges: Ranges, depth: number): unknown {
    if (plan.special !== undefined) return plan.special(this.#chunksOf(ranges))
    if (depth > MAX_DEPTH) throw new ProtobufError('proto: exceeded maximum nesting depth')
    const frame: Frame = { plan, values: new Array(plan.fields.length), depth }
    for (let i = 0; i < ranges.length; i += 2) this.#readInto(frame, new WireCursor(this.buf, ranges[i]!, ranges[i + 1]!))
    if (plan.isItems) return frame.values[0] ?? null
    const object: JsonObject = {}
    for (const field of plan.fields) this.#writeField(object, field, frame)
    return object
  }

  /** The special types read their own bytes: each occurrence as a view of the body. */
  #chunksOf(ranges: Ranges): Buffer[] {
    const { buf } = this
    const chunks: Buffer[] = []
    for (let i = 0; i < ranges.length; i += 2) chunks.push(Buffer.from(buf.buffer, buf.byteOffset + ranges[i]!, ranges[i + 1]! - ranges[i]!))
    return chunks
  }

  #writeField(object: JsonObject, field: FieldPlan, frame: Frame): void {
    const value = frame.values[field.spec.slot]
    if (field.spec.isInline) {
      const embedded = this.decode(field.message, (value as Ranges | undefined) ?? NO_RANGES, frame.depth + 1) as JsonObject
      for (const key in embedded) if (!Object.hasOwn(object, key)) object[key] = embedded[key]
      return
    }
    let json = value === undefined ? field.absent : undefined
    if (json === EMPTY_STRUCT) json = this.decode(field.message, NO_RANGES, frame.depth + 1)
    else if (json === undefined) json = field.spec.isScalar || field.spec.isMap || field.spec.isRepeated ? presentJson(field.spec, value) : this.decode(field.message, value as Ranges, frame.depth + 1)
    if (json !== OMITTED) object[field.spec.jsonName] = json
  }

  #readInto(frame: Frame, cursor: WireCursor): void {
    const { byNumber, name } = frame.plan
    while (cursor.pos < cursor.end) {
      const fieldNumber = cursor.tag(name)
      const field = byNumber[fieldNumber]
      if (field === undefined) cursor.skip(cursor.wireType, fieldNumber)
      else if (field.spec.isMap) this.#readMapEntry(frame, field, cursor)
      else if (field.spec.isScalar) readScalarField(frame, field, cursor)
      else this.#readMessageField(frame, field, cursor)
    }
  }

  /** A repeated message is decoded where it occurs; a singular one once all its occurrences are known. */
  #readMessageField(frame: Frame, field: FieldPlan, cursor: WireCursor): void {
    if (cursor.wireType !== WireType.LengthDelimited) throw wrongWireType(cursor.wireType, field.spec.goName)
    const start = cursor.delimited()
    const slot = field.spec.slot
    if (field.spec.isRepeated) ((frame.values[slot] ??= []) as unknown[]).push(this.decode(field.message, [start, cursor.pos], frame.depth + 1))
    else ((frame.values[slot] ??= []) as number[]).push(start, cursor.pos)
  }

  /** A map entry {1 key, 2 value}; a missing key or value is Go's zero value (gogo's generated map code). */
  #readMapEntry(frame: Frame, field: FieldPlan, cursor: WireCursor): void {
    const { spec } = field
    const wireType = cursor.wireType
    const entry = new WireCursor(this.buf, cursor.delimited(), cursor.pos)
    if (wireType !== WireType.LengthDelimited) throw wrongWireType(wireType, spec.goName)
    let key = ''
    let value: unknown
    let valueRanges: number[] | undefined
    while (entry.pos < entry.end) {
      const fieldNumber = entry.tag(spec.entryName)
      const entryWireType = entry.wireType
      if (fieldNumber === 1 && entryWireType === WireType.LengthDelimited) key = entry.string()
      else if (fieldNumber === 2 && spec.isScalar) value = readScalarOf(field, entry)
      else if (fieldNumber === 2 && entryWireType === WireType.LengthDelimited) (valueRanges ??= []).push(entry.delimited(), entry.pos)
      else if (fieldNumber === 1 || fieldNumber === 2) throw wrongWireType(entryWireType, spec.goName)
      else entry.skip(entryWireType, fieldNumber)
    }
    if (!spec.isScalar) value = this.decode(field.message, valueRanges ?? NO_RANGES, frame.depth + 1)
    else value ??= zeroOf(spec.type)
    ;((frame.values[spec.slot] ??= []) as unknown[]).push(key, value)
  }
}

function readScalarField(frame: Frame, field: FieldPlan, cursor: WireCursor): void {
  const { spec } = field
  if (!spec.isRepeated) {
    frame.values[spec.slot] = readScalarOf(field, cursor)
    return
  }
  const list = (frame.values[spec.slot] ??= []) as unknown[]
  if (spec.isVarint && cursor.wireType === WireType.LengthDelimited) {
    // packed: gogo accepts both encodings of a repeated number
    const end = cursor.uint32() + cursor.pos
    if (end > cursor.end) throw new RangeError('premature EOF')
    while (cursor.pos < end) list.push(readScalar(spec.type, cursor))
    if (cursor.pos !== end) throw new RangeError('premature EOF')
    return
  }
  list.push(readScalarOf(field, cursor))
}

/** The scalar of a field whose tag was just read, refusing a wire type that does not fit it. */
function readScalarOf(field: FieldPlan, cursor: WireCursor): unknown {
  if (cursor.wireType !== (field.spec.isVarint ? WireType.Varint : WireType.LengthDelimited)) throw wrongWireType(cursor.wireType, field.spec.goName)
  return readScalar(field.spec.type, cursor)
}

/** A scalar as encoding/json writes it: bytes as base64, int64 as a number. */
function readScalar(type: string, cursor: WireCursor): unknown {
  switch (type) {
    case 'string':
      return cursor.string()
    case 'bool':
      return cursor.bool()
    case 'int32':
      return cursor.int32()
    case 'int64':
      return cursor.int64()
    default: {
      const start = cursor.delimited()
      return cursor.buf.toString('base64', start, cursor.pos)
    }
  }
}

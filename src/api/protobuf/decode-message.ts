import { BinaryReader, WireType } from '@bufbuild/protobuf/wire'
import type { JsonObject } from '../json-object.js'
import { fieldJson, OMITTED } from './field-json.js'
import { type FieldSpec, type MessageSpec, messageSpec } from './message-table.js'
import { ProtobufError, wrongWireType } from './protobuf-error.js'
import { SPECIAL_TYPES } from './special-types.js'
import { readTag, skipField } from './wire-fields.js'

/**
 * Nesting deeper than any k8s.io/api message reaches (the table has no recursive message), so only
 * a hostile body gets there.
 */
const MAX_DEPTH = 64

/**
 * A field's value while its message is decoded: the scalar (last one wins), the list of a repeated
 * field, the entries of a map, or every occurrence of a singular message field (gogo merges them,
 * which is what decoding them one after the other into the same values does).
 */
export type SlotValue = unknown

/**
 * Decodes one message into the JSON object encoding/json would write for the Go struct gogo would
 * have filled: Go field order, omitempty, pointers that keep explicit zeros, nil slices and maps as
 * null where the field has no omitempty, the special types' own MarshalJSON.
 */
export function decodeMessage(name: string, chunks: readonly Uint8Array[], depth = 0): unknown {
  const special = SPECIAL_TYPES[name]
  if (special !== undefined) return special(chunks)
  if (depth > MAX_DEPTH) throw new ProtobufError('proto: exceeded maximum nesting depth')
  const spec = messageSpec(name)
  const values: SlotValue[] = new Array(spec.fields.length)
  for (const chunk of chunks) readInto(spec, values, chunk, depth)
  if (spec.items !== undefined) return values[0] ?? null
  const object: JsonObject = {}
  for (const field of spec.fields) writeField(object, field, values[field.slot], depth)
  return object
}

function writeField(object: JsonObject, field: FieldSpec, value: SlotValue, depth: number): void {
  if (field.isInline) {
    const embedded = decodeMessage(field.type, (value as Uint8Array[] | undefined) ?? [], depth + 1) as JsonObject
    for (const key in embedded) if (!Object.hasOwn(object, key)) object[key] = embedded[key]
    return
  }
  const json = fieldJson(field, value, (chunks) => decodeMessage(field.type, chunks, depth + 1))
  if (json !== OMITTED) object[field.jsonName] = json
}

function readInto(spec: MessageSpec, values: SlotValue[], chunk: Uint8Array, depth: number): void {
  const reader = new BinaryReader(chunk)
  while (reader.pos < reader.len) {
    const [fieldNumber, wireType] = readTag(reader, spec.name)
    const field = spec.byNumber[fieldNumber]
    if (field === undefined) skipField(reader, wireType, fieldNumber)
    else if (field.isMap) readMapEntry(field, values, reader.bytes(), depth, wireType)
    else if (field.isScalar) readScalarField(field, values, reader, wireType)
    else readMessageField(field, values, reader, wireType, depth)
  }
}

function readMessageField(field: FieldSpec, values: SlotValue[], reader: BinaryReader, wireType: WireType, depth: number): void {
  if (wireType !== WireType.LengthDelimited) throw wrongWireType(wireType, field.goName)
  const bytes = reader.bytes()
  if (field.isRepeated) {
    const list = (values[field.slot] ??= []) as unknown[]
    list.push(decodeMessage(field.type, [bytes], depth + 1))
  } else {
    ;((values[field.slot] ??= []) as Uint8Array[]).push(bytes)
  }
}

function readScalarField(field: FieldSpec, values: SlotValue[], reader: BinaryReader, wireType: WireType): void {
  const isVarint = field.type === 'bool' || field.type === 'int32' || field.type === 'int64'
  if (!field.isRepeated) {
    if (wireType !== (isVarint ? WireType.Varint : WireType.LengthDelimited)) throw wrongWireType(wireType, field.goName)
    values[field.slot] = readScalar(field.type, reader)
    return
  }
  const list = (values[field.slot] ??= []) as unknown[]
  if (isVarint && wireType === WireType.LengthDelimited) {
    // packed: gogo accepts both encodings of a repeated number
    const end = reader.uint32() + reader.pos
    if (end > reader.len) throw new RangeError('premature EOF')
    while (reader.pos < end) list.push(readScalar(field.type, reader))
    if (reader.pos !== end) throw new RangeError('premature EOF')
    return
  }
  if (wireType !== (isVarint ? WireType.Varint : WireType.LengthDelimited)) throw wrongWireType(wireType, field.goName)
  list.push(readScalar(field.type, reader))
}

/** A scalar as encoding/json writes it: bytes as base64, int64 as a number. */
export function readScalar(type: string, reader: BinaryReader): unknown {
  switch (type) {
    case 'string':
      return reader.string()
    case 'bool':
      return reader.bool()
    case 'int32':
      return reader.int32()
    case 'int64':
      return Number(reader.int64())
    default: {
      const bytes = reader.bytes()
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
    }
  }
}

/** A map entry {1 key, 2 value}; a missing key or value is Go's zero value (gogo's generated map code). */
function readMapEntry(field: FieldSpec, values: SlotValue[], entry: Uint8Array, depth: number, wireType: WireType): void {
  if (wireType !== WireType.LengthDelimited) throw wrongWireType(wireType, field.goName)
  const reader = new BinaryReader(entry)
  let key = ''
  let value: unknown
  let valueChunks: Uint8Array[] | undefined
  while (reader.pos < reader.len) {
    const [fieldNumber, entryWireType] = readTag(reader, `${field.goName}Entry`)
    if (fieldNumber === 1 && entryWireType === WireType.LengthDelimited) key = reader.string()
    else if (fieldNumber === 2 && field.isScalar) value = readMapScalar(field, reader, entryWireType)
    else if (fieldNumber === 2 && entryWireType === WireType.LengthDelimited) (valueChunks ??= []).push(reader.bytes())
    else if (fieldNumber === 1 || fieldNumber === 2) throw wrongWireType(entryWireType, field.goName)
    else skipField(reader, entryWireType, fieldNumber)
  }
  if (!field.isScalar) value = decodeMessage(field.type, valueChunks ?? [], depth + 1)
  else value ??= field.type === 'string' || field.type === 'bytes' ? '' : field.type === 'bool' ? false : 0
  const entries = (values[field.slot] ??= new Map()) as Map<string, unknown>
  entries.set(key, value)
}

function readMapScalar(field: FieldSpec, reader: BinaryReader, wireType: WireType): unknown {
  const isVarint = field.type === 'bool' || field.type === 'int32' || field.type === 'int64'
  if (wireType !== (isVarint ? WireType.Varint : WireType.LengthDelimited)) throw wrongWireType(wireType, field.goName)
  return readScalar(field.type, reader)
}

import table from './message-table.json' with { type: 'json' }
import { builtOnce } from './built-once.js'

/**
 * The protobuf messages of k8s.io/api as the decoder walks them, built once per message from
 * message-table.json (derived by scripts/derive-protobuf-table.mjs; docs/decisions/0008-protobuf-table-derivation.md).
 */

/** Row flags, as the derivation script writes them. */
const REPEATED = 1
const OMIT_EMPTY = 2
const POINTER = 4
const INLINE = 8
const MAP = 16
const ITEMS = 32

/** A row of the table: JSON name, field number, type (scalar or message name), flags. */
type FieldRow = [jsonName: string, fieldNumber: number, type: string, flags?: number]

export type ScalarType = 'string' | 'bool' | 'int32' | 'int64' | 'bytes'

export interface FieldSpec {
  readonly jsonName: string
  /** the Go field name, as gogo's errors name it (`proto: wrong wireType = 0 for field Name`) */
  readonly goName: string
  readonly fieldNumber: number
  /** a scalar type, or the message name of a message, map value or repeated element */
  readonly type: ScalarType | string
  readonly isScalar: boolean
  /** a bool, int32 or int64: read as a varint (a repeated one packed or not) */
  readonly isVarint: boolean
  /** a map's entry message as gogo's errors name it (`LabelsEntry`) */
  readonly entryName: string
  /** index of the field's value while its message is decoded */
  readonly slot: number
  readonly isRepeated: boolean
  readonly isMap: boolean
  readonly isOmitEmpty: boolean
  /** a Go pointer: present on the wire means present in JSON, even when zero */
  readonly isPointer: boolean
  /** an embedded Go struct with `json:",inline"`: its fields join the parent's object */
  readonly isInline: boolean
}

export interface MessageSpec {
  readonly name: string
  /** in Go struct order: the order encoding/json writes them */
  readonly fields: readonly FieldSpec[]
  /** a Go named slice (`type ExtraValue []string`): the message's JSON is this field's array */
  readonly items?: FieldSpec
}

const SCALARS = new Set<string>(['string', 'bool', 'int32', 'int64', 'bytes'])
const rows = table.messages as unknown as Record<string, FieldRow[]>
const kinds = table.kinds as Record<string, string>

/** The upstream versions the table was derived from. */
export const TABLE_SOURCE: Readonly<Record<string, string>> = table.derivedFrom

export function hasMessage(name: string): boolean {
  return Object.hasOwn(rows, name)
}

/** The message of a kind (`apps/v1` + `Deployment`), if the table has it. */
export function kindMessageName(apiVersion: string, kind: string): string | undefined {
  const key = `${apiVersion}/${kind}`
  return Object.hasOwn(kinds, key) ? kinds[key] : undefined
}

/** The spec of a message, built on first use and kept. */
export const messageSpec: (name: string) => MessageSpec = builtOnce(buildSpec)

function buildSpec(name: string): MessageSpec {
  const messageRows = rows[name]
  if (messageRows === undefined) throw new Error(`protobuf message ${name} is not in the table`)
  const fields = messageRows.map(toFieldSpec)
  const items = messageRows.length === 1 && ((messageRows[0]![3] ?? 0) & ITEMS) !== 0 ? fields[0] : undefined
  return { name, fields, ...(items ? { items } : {}) }
}

function toFieldSpec([jsonName, fieldNumber, type, flags = 0]: FieldRow, slot: number): FieldSpec {
  const goName = jsonName === '' ? type.slice(type.lastIndexOf('.') + 1) : jsonName[0]!.toUpperCase() + jsonName.slice(1)
  return {
    jsonName,
    goName,
    fieldNumber,
    type,
    isScalar: SCALARS.has(type),
    isVarint: type === 'bool' || type === 'int32' || type === 'int64',
    entryName: `${goName}Entry`,
    slot,
    isRepeated: (flags & REPEATED) !== 0,
    isMap: (flags & MAP) !== 0,
    isOmitEmpty: (flags & OMIT_EMPTY) !== 0,
    isPointer: (flags & POINTER) !== 0,
    isInline: (flags & INLINE) !== 0,
  }
}

/** Every message name the table's fields refer to: for the test that the table is closed. */
export function referencedTypes(): Set<string> {
  return new Set(Object.values(rows).flatMap((messageRows) => messageRows.map((row) => row[2])))
}

export function allMessageNames(): string[] {
  return Object.keys(rows)
}

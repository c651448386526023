import { celError, celList, celMap, type CelList, type CelMap, type CelValue } from '@bufbuild/cel'
import { escapeProperty, unescapeProperty } from './property-escaping.js'
import { withTypeAndObjectMeta, type JsonRecord, type SchemaNode } from './schema-node.js'
import { toBytes, toDuration, toTimestamp } from './string-formats.js'

// A custom resource's JSON seen through its schema, as kube's UnstructuredToVal sees it
// (apiserver/pkg/cel/common/values.go): integers are CEL ints, `number`s doubles, strings with a
// date, date-time, duration or byte format timestamps, durations and bytes, objects maps keyed by
// escaped property names, arrays lists. Values convert lazily, when a rule reaches them.

// @bufbuild/cel recognises its maps and lists by these registered symbols (map.js, list.js).
const CEL_MAP = Symbol.for('@bufbuild/cel/map')
const CEL_LIST = Symbol.for('@bufbuild/cel/list')

type ObjectMode = 'object' | 'map' | 'unknown-fields'

/** The CEL value of `value` under `node`; an error value when the data does not fit the schema. */
export function toCelValue(value: unknown, node: SchemaNode): CelValue {
  if (value === null || value === undefined) return null
  if (node.isIntOrString) return intOrString(value)
  switch (node.type) {
    case 'object':
      return isRecord(value) ? objectValue(value, node) : invalid('expected a map for the provided schema with type=object')
    case 'array':
      return Array.isArray(value) && node.items ? (new SchemaList(value, node) as unknown as CelList) : invalid('expected an array')
    case 'string':
      return typeof value === 'string' ? formatted(value, node.format) : invalid('expected string')
    case 'number':
      return typeof value === 'number' ? value : invalid('expected float')
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : invalid('expected int')
    case 'boolean':
      return typeof value === 'boolean' ? value : invalid('expected bool')
    default:
      return plainValue(value)
  }
}

function objectValue(value: JsonRecord, node: SchemaNode): CelValue {
  const schema = node.isEmbeddedResource ? withTypeAndObjectMeta(node) : node
  const mode: ObjectMode = schema.properties ? 'object' : schema.additionalProperties ? 'map' : 'unknown-fields'
  return new SchemaMap(value, schema, mode) as unknown as CelMap
}

function formatted(value: string, format: string): CelValue {
  switch (format) {
    case 'date':
    case 'date-time':
      return toTimestamp(value, format) ?? invalid(`Invalid ${format} formatted string ${value}`)
    case 'duration':
      return toDuration(value) ?? invalid(`Invalid duration ${value}`)
    case 'byte':
      return toBytes(value) ?? invalid(`Invalid byte formatted string ${value}`)
    default:
      return value
  }
}

function intOrString(value: unknown): CelValue {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value)
  return invalid('expected XIntOrString value to be either a string or integer')
}

/** Data no schema describes (x-kubernetes-preserve-unknown-fields): only compared, never read. */
function plainValue(value: unknown): CelValue {
  if (Array.isArray(value)) return celList(value.map(plainValue))
  if (isRecord(value)) return celMap(new Map(Object.entries(value).map(([k, v]) => [k, plainValue(v)])))
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value)
  return value as CelValue
}

const invalid = (detail: string): CelValue => celError(`invalid data, ${detail}`) as unknown as CelValue
const isRecord = (v: unknown): v is JsonRecord => typeof v === 'object' && v !== null && !Array.isArray(v)
const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key)

/** An object: fields by escaped name (values.go unstructuredMap); a map: entries by key. */
export class SchemaMap {
  readonly [CEL_MAP] = {}
  constructor(
    readonly raw: JsonRecord,
    readonly node: SchemaNode,
    readonly mode: ObjectMode,
  ) {}

  get size(): number {
    return Object.keys(this.raw).length
  }

  /** The schema of a property, by its JSON name. */
  propertySchema(name: string): SchemaNode | undefined {
    return this.mode === 'object' ? this.node.properties?.get(name) : this.node.additionalProperties
  }

  get(key: unknown): CelValue | undefined {
    if (typeof key !== 'string') return undefined
    const name = this.mode === 'object' ? unescapeProperty(key) : key
    if (name === undefined || !hasOwn(this.raw, name)) return undefined
    const value = this.raw[name]
    // a null field of an object is an absent field (values.go Find)
    if (value === null && this.mode === 'object') return undefined
    const schema = this.propertySchema(name)
    return schema ? toCelValue(value, schema) : undefined
  }

  has(key: unknown): boolean {
    return this.get(key) !== undefined
  }

  *keys(): IterableIterator<string> {
    for (const name of Object.keys(this.raw)) {
      if (!this.propertySchema(name)) continue
      yield this.mode === 'object' ? (escapeProperty(name) ?? name) : name
    }
  }

  *entries(): IterableIterator<[string, CelValue]> {
    for (const key of this.keys()) {
      const value = this.get(key)
      if (value !== undefined) yield [key, value]
    }
  }

  *values(): IterableIterator<CelValue> {
    for (const [, value] of this.entries()) yield value
  }

  forEach(callback: (value: CelValue, key: string, map: unknown) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this)
  }

  [Symbol.iterator](): IterableIterator<[string, CelValue]> {
    return this.entries()
  }
}

/** An array, knowing its x-kubernetes-list-type for equality and concatenation. */
export class SchemaList {
  readonly [CEL_LIST] = {}
  readonly items: SchemaNode
  constructor(
    readonly raw: readonly unknown[],
    readonly node: SchemaNode,
  ) {
    this.items = node.items as SchemaNode
  }

  get size(): number {
    return this.raw.length
  }

  get(index: number): CelValue | undefined {
    return index < 0 || index >= this.raw.length ? undefined : toCelValue(this.raw[index], this.items)
  }

  *values(): IterableIterator<CelValue> {
    for (const item of this.raw) yield toCelValue(item, this.items)
  }

  [Symbol.iterator](): IterableIterator<CelValue> {
    return this.values()
  }
}

// A CRD version's openAPIV3Schema read once into the shape rule compilation and evaluation need:
// the structural spine (properties, additionalProperties, items) with the Kubernetes extensions,
// the size bounds and the x-kubernetes-validations of every node.

export type JsonRecord = Readonly<Record<string, unknown>>

/** One x-kubernetes-validations entry as the CRD carries it (apiextensions/v1 ValidationRule). */
export interface RawValidationRule {
  rule: string
  message?: string
  messageExpression?: string
  reason?: string
  fieldPath?: string
  optionalOldSelf?: boolean
}

export interface SchemaNode {
  /** '' when the schema names no type (int-or-string, preserve-unknown-fields) */
  readonly type: string
  readonly format: string
  readonly isNullable: boolean
  readonly isIntOrString: boolean
  readonly preservesUnknownFields: boolean
  readonly isEmbeddedResource: boolean
  /** undefined when the schema has no `properties` (a map, or an object of unknown fields) */
  readonly properties?: ReadonlyMap<string, SchemaNode>
  readonly additionalProperties?: SchemaNode
  readonly items?: SchemaNode
  /** x-kubernetes-list-type: '' (atomic), 'atomic', 'set' or 'map' */
  readonly listType: string
  readonly listMapKeys: readonly string[]
  /** x-kubernetes-map-type: '' (granular), 'granular' or 'atomic' */
  readonly mapType: string
  readonly maxItems?: number
  readonly maxLength?: number
  readonly maxProperties?: number
  readonly enumValues?: readonly unknown[]
  readonly required: readonly string[]
  readonly hasDefault: boolean
  readonly rules: readonly RawValidationRule[]
}

const isRecord = (v: unknown): v is JsonRecord => typeof v === 'object' && v !== null && !Array.isArray(v)
const asString = (v: unknown): string => (typeof v === 'string' ? v : '')
const asNumber = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined)

/** Reads a JSONSchemaProps object (plain JSON) into a SchemaNode tree. */
export function toSchemaNode(raw: JsonRecord): SchemaNode {
  const additional = raw.additionalProperties
  return {
    type: asString(raw.type),
    format: asString(raw.format),
    isNullable: raw.nullable === true,
    isIntOrString: raw['x-kubernetes-int-or-string'] === true,
    preservesUnknownFields: raw['x-kubernetes-preserve-unknown-fields'] === true,
    isEmbeddedResource: raw['x-kubernetes-embedded-resource'] === true,
    properties: isRecord(raw.properties) ? readProperties(raw.properties) : undefined,
    additionalProperties: isRecord(additional) ? toSchemaNode(additional) : undefined,
    items: isRecord(raw.items) ? toSchemaNode(raw.items) : undefined,
    listType: asString(raw['x-kubernetes-list-type']),
    listMapKeys: stringList(raw['x-kubernetes-list-map-keys']),
    mapType: asString(raw['x-kubernetes-map-type']),
    maxItems: asNumber(raw.maxItems),
    maxLength: asNumber(raw.maxLength),
    maxProperties: asNumber(raw.maxProperties),
    enumValues: Array.isArray(raw.enum) ? raw.enum : undefined,
    required: stringList(raw.required),
    hasDefault: raw.default !== undefined,
    rules: readRules(raw['x-kubernetes-validations']),
  }
}

function readProperties(raw: JsonRecord): Map<string, SchemaNode> {
  const properties = new Map<string, SchemaNode>()
  for (const [name, schema] of Object.entries(raw)) {
    if (isRecord(schema)) properties.set(name, toSchemaNode(schema))
  }
  return properties
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []
}

function readRules(v: unknown): RawValidationRule[] {
  if (!Array.isArray(v)) return []
  return v.filter(isRecord).map((r) => ({
    rule: asString(r.rule),
    ...(typeof r.message === 'string' ? { message: r.message } : {}),
    ...(typeof r.messageExpression === 'string' ? { messageExpression: r.messageExpression } : {}),
    ...(typeof r.reason === 'string' ? { reason: r.reason } : {}),
    ...(typeof r.fieldPath === 'string' ? { fieldPath: r.fieldPath } : {}),
    ...(typeof r.optionalOldSelf === 'boolean' ? { optionalOldSelf: r.optionalOldSelf } : {}),
  }))
}

const STRING_NODE: SchemaNode = {
  type: 'string', format: '', isNullable: false, isIntOrString: false, preservesUnknownFields: false,
  isEmbeddedResource: false, listType: '', listMapKeys: [], mapType: '', required: [], hasDefault: false, rules: [],
}
const METADATA_NODE: SchemaNode = {
  ...STRING_NODE,
  type: 'object',
  properties: new Map([['name', STRING_NODE], ['generateName', STRING_NODE]]),
}

/**
 * The node with `apiVersion`, `kind`, `metadata.name` and `metadata.generateName` declared, as
 * rules at the root of a resource (or an embedded resource) always see them
 * (apiserver/pkg/cel/common/schemas.go WithTypeAndObjectMeta): when any is missing, kind and
 * apiVersion become plain strings and metadata exposes only name and generateName.
 */
export function withTypeAndObjectMeta(node: SchemaNode): SchemaNode {
  const props = node.properties
  const metadata = props?.get('metadata')
  const isComplete =
    props?.get('kind')?.type === 'string' &&
    props.get('apiVersion')?.type === 'string' &&
    metadata?.type === 'object' &&
    metadata.properties?.get('name')?.type === 'string' &&
    metadata.properties.get('generateName')?.type === 'string'
  if (isComplete) return node
  const properties = new Map(props ?? [])
  properties.set('kind', STRING_NODE)
  properties.set('apiVersion', STRING_NODE)
  properties.set('metadata', METADATA_NODE)
  return { ...node, properties }
}

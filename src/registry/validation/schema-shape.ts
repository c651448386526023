import { referencedSchemaName } from '../openapi/schema-ref.js'
/**
 * A served kind's OpenAPI schema, compiled into what decoding checks need: which fields exist, which
 * JSON type each holds, and the Go type name kube's decoder would report. Built lazily, one field at a
 * time, and cached per schemas object, so validating a Pod touches only the types its body uses.
 */
export type Shape =
  | StructShape
  | { kind: 'map'; goType: string; values: Shape }
  | { kind: 'list'; goType: string; items: Shape }
  /** FieldsV1, RawExtension: decoded verbatim by a custom unmarshaler, so anything goes */
  | { kind: 'open'; goType: string }
  | { kind: 'scalar'; json: 'string' | 'boolean' | 'number'; goType: string; isInteger: boolean }
  /** types with a custom UnmarshalJSON whose errors kube returns as they are */
  | { kind: 'int-or-string' | 'quantity' | 'time'; goType: string }

export interface StructShape {
  kind: 'struct'
  /** `v1.PodSpec`, as Go's reflect prints the type */
  goType: string
  /** `PodSpec`: the struct name kube's decoder puts in "Go struct field PodSpec.spec.x" */
  structName: string
  field(name: string): Shape | undefined
}

type Node = Readonly<Record<string, unknown>>
type Schemas = Readonly<Record<string, unknown>>

const CUSTOM_UNMARSHALERS: Record<string, 'int-or-string' | 'quantity' | 'time'> = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'int-or-string',
  'io.k8s.apimachinery.pkg.api.resource.Quantity': 'quantity',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': 'time',
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': 'time',
}
const OPEN: Shape = { kind: 'open', goType: 'interface {}' }

const cache = new WeakMap<Schemas, Map<string, Shape>>()

/** The shape of the component schema `name`, e.g. `io.k8s.api.core.v1.Pod`; undefined if absent. */
export function namedShape(schemas: Schemas, name: string): Shape | undefined {
  let byName = cache.get(schemas)
  if (!byName) cache.set(schemas, (byName = new Map()))
  let shape = byName.get(name)
  if (shape === undefined) {
    const node = schemas[name]
    if (!isNode(node)) return undefined
    shape = shapeOfNamed(schemas, name, node)
    byName.set(name, shape)
  }
  return shape
}

function shapeOfNamed(schemas: Schemas, name: string, node: Node): Shape {
  const dots = name.split('.')
  const goType = `${dots.at(-2)}.${dots.at(-1)}`
  const custom = CUSTOM_UNMARSHALERS[name]
  if (custom) return { kind: custom, goType }
  const properties = node['properties']
  if (isNode(properties)) return structShape(schemas, goType, properties)
  return shapeOf(schemas, node, goType)
}

function structShape(schemas: Schemas, goType: string, properties: Node): StructShape {
  const fields = new Map<string, Shape | undefined>()
  return {
    kind: 'struct',
    goType,
    structName: goType.slice(goType.indexOf('.') + 1),
    field(name) {
      if (!fields.has(name)) {
        const property = Object.hasOwn(properties, name) ? properties[name] : undefined
        fields.set(name, isNode(property) ? shapeOf(schemas, property) : undefined)
      }
      return fields.get(name)
    },
  }
}

/** An inline node: a reference (`$ref` or kube's `allOf: [{$ref}]`), a list, a map or a scalar. */
function shapeOf(schemas: Schemas, node: Node, namedGoType?: string): Shape {
  const ref = referencedSchemaName(node)
  if (ref !== undefined) return namedShape(schemas, ref) ?? OPEN
  if (node['x-kubernetes-preserve-unknown-fields'] === true) return OPEN
  const items = node['items']
  if (node['type'] === 'array' && isNode(items)) {
    const shape = shapeOf(schemas, items)
    return { kind: 'list', goType: `[]${shape.goType}`, items: shape }
  }
  const values = node['additionalProperties']
  if (isNode(values)) {
    const shape = shapeOf(schemas, values)
    return { kind: 'map', goType: `map[string]${shape.goType}`, values: shape }
  }
  return scalarShape(node) ?? (namedGoType ? { ...OPEN, goType: namedGoType } : OPEN)
}

function scalarShape(node: Node): Shape | undefined {
  switch (node['type']) {
    case 'string': {
      // `format: byte` is a Go []byte, sent as base64 text
      const goType = node['format'] === 'byte' ? '[]uint8' : 'string'
      return { kind: 'scalar', json: 'string', goType, isInteger: false }
    }
    case 'boolean':
      return { kind: 'scalar', json: 'boolean', goType: 'bool', isInteger: false }
    case 'integer':
      return { kind: 'scalar', json: 'number', goType: node['format'] === 'int32' ? 'int32' : 'int64', isInteger: true }
    case 'number':
      return { kind: 'scalar', json: 'number', goType: 'float64', isInteger: false }
    default:
      return undefined
  }
}

const isNode = (value: unknown): value is Node => value !== null && typeof value === 'object' && !Array.isArray(value)

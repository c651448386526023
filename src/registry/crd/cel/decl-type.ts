import { BOOL, BYTES, DOUBLE, DURATION, DYN, INT, STRING, TIMESTAMP, listOf, mapOf, type CheckType } from './check-types.js'
import { escapeProperty } from './property-escaping.js'
import { withTypeAndObjectMeta, type SchemaNode } from './schema-node.js'

/**
 * The CEL type a rule sees for the value at a schema node, as apiserver/pkg/cel/common/schemas.go
 * SchemaDeclType derives it; undefined when the node is not exposed to CEL (no type and only
 * x-kubernetes-preserve-unknown-fields, or a list/map of such). Object types are named like
 * kube's MaybeAssignTypeName names them (`selfType….spec`, `….@idx`, `….@elem`).
 */
export function schemaDeclType(node: SchemaNode, isResourceRoot: boolean, typeName: string): CheckType | undefined {
  if (node.isIntOrString) return DYN
  const schema = isResourceRoot ? withTypeAndObjectMeta(node) : node
  switch (schema.type) {
    case 'array':
      return arrayType(schema, typeName)
    case 'object':
      return objectType(schema, typeName)
    case 'string':
      return stringType(schema.format)
    case 'boolean':
      return BOOL
    case 'number':
      return DOUBLE
    case 'integer':
      return INT
    default:
      return undefined
  }
}

function arrayType(schema: SchemaNode, typeName: string): CheckType | undefined {
  if (!schema.items) return undefined
  const elem = schemaDeclType(schema.items, schema.items.isEmbeddedResource, `${typeName}.@idx`)
  return elem && listOf(elem)
}

function objectType(schema: SchemaNode, typeName: string): CheckType | undefined {
  const additional = schema.additionalProperties
  if (additional) {
    const value = schemaDeclType(additional, additional.isEmbeddedResource, `${typeName}.@elem`)
    return value && mapOf(STRING, value)
  }
  const fields = new Map<string, CheckType>()
  for (const [name, prop] of schema.properties ?? []) {
    const escaped = escapeProperty(name)
    if (escaped === undefined) continue
    const fieldType = schemaDeclType(prop, prop.isEmbeddedResource, `${typeName}.${escaped}`)
    if (fieldType) fields.set(escaped, fieldType)
  }
  return { kind: 'object', name: typeName, fields }
}

function stringType(format: string): CheckType {
  switch (format) {
    case 'byte':
      return BYTES
    case 'duration':
      return DURATION
    case 'date':
    case 'date-time':
      return TIMESTAMP
    default:
      return STRING
  }
}

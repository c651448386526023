import { isJsonObject, type JsonObject } from '../../api/json-object.js'
import { referencedSchemaName } from '../openapi/schema-ref.js'
import { ownField } from '../patch/json-value.js'
import {
  DEDUCED, NO_STRATEGIES, SCALAR, UNTYPED_ATOMIC,
  type EmptyValueField, type FieldDescription, type TypeDescription,
} from './type-description.js'

export interface TypeDescriptionOptions {
  /** the empty-value fields of a named schema; built-in kinds only (openapi/go-empty-fields.ts) */
  emptyValueFieldsOf?(schemaName: string): readonly EmptyValueField[] | undefined
}

/** Schemas apimachinery hard-codes rather than reading (k8s: kube-openapi pkg/schemaconv/openapi.go). */
const HARD_CODED: Record<string, TypeDescription> = {
  'io.k8s.apimachinery.pkg.runtime.RawExtension': UNTYPED_ATOMIC,
  'io.k8s.apimachinery.pkg.api.resource.Quantity': SCALAR,
}
/** Alias chains (a `$ref` to a schema that is itself only a `$ref`) are short; this bounds a cyclic one. */
const MAX_REF_HOPS = 16

interface Context {
  schemas: Readonly<Record<string, unknown>>
  options: TypeDescriptionOptions
  byName: Map<string, TypeDescription>
}

const contexts = new WeakMap<object, WeakMap<TypeDescriptionOptions, Context>>()
const NO_OPTIONS: TypeDescriptionOptions = Object.freeze({})

/**
 * The type of `rootSchemaName` in OpenAPI v3 component schemas (`components.schemas` as kube
 * publishes them: `$ref` / `allOf: [{$ref}]`, `x-kubernetes-*` extensions), read the way
 * kube-openapi's schemaconv turns them into structured-merge-diff types. Nothing is walked up
 * front: a type is read when a patch or an apply first reaches it, then remembered per schemas
 * object, so a Deployment and a Pod share PodSpec's. Custom resources get the same treatment from
 * their structural schema in this shape.
 */
export function typeDescriptionFromOpenApi(
  schemas: Readonly<Record<string, unknown>>,
  rootSchemaName: string,
  options: TypeDescriptionOptions = NO_OPTIONS,
): TypeDescription {
  let byOptions = contexts.get(schemas)
  if (!byOptions) contexts.set(schemas, (byOptions = new WeakMap()))
  let context = byOptions.get(options)
  if (!context) byOptions.set(options, (context = { schemas, options, byName: new Map() }))
  return namedType(context, rootSchemaName, 0)
}

function namedType(ctx: Context, name: string, hops: number): TypeDescription {
  let type = ctx.byName.get(name)
  if (type === undefined) {
    ctx.byName.set(name, DEDUCED) // a type whose list items name itself reads as deduced there, not forever
    const schema = ownField(ctx.schemas as JsonObject, name)
    const alias = isJsonObject(schema) ? referencedSchemaName(schema) : undefined
    if (HARD_CODED[name]) type = HARD_CODED[name]
    else if (!isJsonObject(schema) || hops >= MAX_REF_HOPS) type = DEDUCED
    else if (alias !== undefined) type = namedType(ctx, alias, hops + 1)
    else type = nodeType(ctx, schema, { preservesUnknown: false, schemaName: name })
    ctx.byName.set(name, type)
  }
  return type
}

interface NodeContext {
  /** under `x-kubernetes-preserve-unknown-fields: true`, unknown fields of objects are kept, deduced */
  preservesUnknown: boolean
  /** set when the node is a named component schema */
  schemaName?: string
}

function nodeType(ctx: Context, node: JsonObject, at: NodeContext): TypeDescription {
  const ref = at.schemaName === undefined ? referencedSchemaName(node) : undefined
  if (ref !== undefined) return withMapType(namedType(ctx, ref, 0), node['x-kubernetes-map-type'])
  const inner: NodeContext = { preservesUnknown: at.preservesUnknown || node['x-kubernetes-preserve-unknown-fields'] === true }
  if (at.schemaName !== undefined) inner.schemaName = at.schemaName
  const type = node['type']
  if (type === 'array' || (type === undefined && isJsonObject(node['items']))) return listType(ctx, node, inner)
  if (type === 'object' || (type === undefined && (isJsonObject(node['properties']) || node['additionalProperties'] !== undefined))) {
    return objectType(ctx, node, inner)
  }
  if (type === 'string' || type === 'integer' || type === 'number' || type === 'boolean') return SCALAR
  return DEDUCED
}

/** A field of a named type may override its map type (`+mapType` on the field, e.g. PersistentVolumeSpec.claimRef). */
function withMapType(type: TypeDescription, mapType: unknown): TypeDescription {
  if (mapType !== 'atomic' && mapType !== 'granular') return type
  const isAtomic = mapType === 'atomic'
  return type.isAtomic === isAtomic || type.kind !== 'object' ? type : Object.freeze({ ...type, isAtomic })
}

function listType(ctx: Context, node: JsonObject, at: NodeContext): TypeDescription {
  const itemsNode = node['items']
  const items = isJsonObject(itemsNode) ? nodeType(ctx, itemsNode, { preservesUnknown: at.preservesUnknown }) : UNTYPED_ATOMIC
  const { listType, listMapKeys } = listRelationship(node)
  return Object.freeze({
    kind: 'list',
    isAtomic: listType === 'atomic',
    field: () => undefined,
    listType,
    ...(listMapKeys ? { listMapKeys } : {}),
    items,
  })
}

/**
 * `x-kubernetes-list-type`, else a merge patch strategy (a list map on its merge key, a set without
 * one), else atomic (k8s: kube-openapi pkg/schemaconv getListElementRelationship).
 */
function listRelationship(node: JsonObject): { listType: 'atomic' | 'set' | 'map'; listMapKeys?: readonly string[] } {
  const declared = node['x-kubernetes-list-type']
  if (declared === 'set') return { listType: 'set' }
  if (declared === 'map') {
    const keys = node['x-kubernetes-list-map-keys']
    const names = Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : []
    return { listType: 'map', listMapKeys: Object.freeze(names) }
  }
  if (declared !== undefined) return { listType: 'atomic' }
  const strategy = node['x-kubernetes-patch-strategy']
  if (strategy !== 'merge' && strategy !== 'merge,retainKeys') return { listType: 'atomic' }
  const mergeKey = node['x-kubernetes-patch-merge-key']
  return typeof mergeKey === 'string' ? { listType: 'map', listMapKeys: Object.freeze([mergeKey]) } : { listType: 'set' }
}

function objectType(ctx: Context, node: JsonObject, at: NodeContext): TypeDescription {
  const properties = isJsonObject(node['properties']) ? node['properties'] : undefined
  const inner: NodeContext = { preservesUnknown: at.preservesUnknown }
  const element = elementField(ctx, node, inner, properties)
  const fields = new Map<string, FieldDescription | undefined>()
  const emptyValueFields = at.schemaName === undefined ? undefined : ctx.options.emptyValueFieldsOf?.(at.schemaName)
  return Object.freeze({
    kind: 'object',
    isAtomic: node['x-kubernetes-map-type'] === 'atomic',
    field(name: string): FieldDescription | undefined {
      // one lookup for a field seen before (every key of every write asks)
      const known = fields.get(name)
      if (known !== undefined || fields.has(name)) return known
      const property = properties ? ownField(properties, name) : undefined
      const field = isJsonObject(property) ? fieldDescription(ctx, property, inner, true) : element
      fields.set(name, field)
      return field
    },
    ...(emptyValueFields ? { emptyValueFields } : {}),
  })
}

/**
 * What an undeclared key holds: `additionalProperties` when given; deduced when it is `true`, or
 * absent under preserve-unknown-fields or with no properties (a free-form object); else nothing.
 */
function elementField(ctx: Context, node: JsonObject, at: NodeContext, properties: JsonObject | undefined): FieldDescription | undefined {
  const additional = node['additionalProperties']
  if (isJsonObject(additional)) return fieldDescription(ctx, additional, at, false)
  if (additional === false) return undefined
  if (additional === true || at.preservesUnknown || !properties || Object.keys(properties).length === 0) return DEDUCED.field('')
  return undefined
}

function fieldDescription(ctx: Context, property: JsonObject, at: NodeContext, isDeclared: boolean): FieldDescription {
  const strategy = property['x-kubernetes-patch-strategy']
  const mergeKey = property['x-kubernetes-patch-merge-key']
  return Object.freeze({
    type: nodeType(ctx, property, at),
    isDeclared,
    strategies: typeof strategy === 'string' ? strategy.split(',').map((s) => s.trim()).filter(Boolean) : NO_STRATEGIES,
    ...(typeof mergeKey === 'string' ? { mergeKey } : {}),
    ...(property['default'] !== undefined ? { default: property['default'] } : {}),
  })
}

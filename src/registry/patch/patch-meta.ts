import { referencedSchemaName } from '../openapi/schema-ref.js'
import { isJsonObject, type JsonObject } from '../../api/json-object.js'
import { ownField } from './json-value.js'

/**
 * What strategic merge patch needs to know about one object type: how each field patches.
 * Mirrors kube's LookupPatchMeta (k8s: staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/meta.go).
 */
export interface PatchMeta {
  field(name: string): FieldPatchMeta | undefined
}

export interface FieldPatchMeta {
  /** from x-kubernetes-patch-strategy, split on ',' */
  strategies: readonly string[]
  mergeKey?: string
  /**
   * meta of the field's value: the object's fields, each list item's fields, or, for a map, a meta
   * whose every key (the map's keys are data, not field names) describes one map value
   */
  child: PatchMeta
}

/** For an unknown schema: every field is undefined, so maps merge and lists replace. */
export const NO_PATCH_META: PatchMeta = Object.freeze({ field: () => undefined })

const NO_STRATEGIES: readonly string[] = Object.freeze([])
/** Alias chains (`$ref` to a schema that is itself only a `$ref`) are short; this bounds a cyclic one. */
const MAX_REF_HOPS = 16

/** Per `schemas` object, one PatchMeta per schema name: a Deployment and a Pod share PodSpec's. */
const metaBySchemas = new WeakMap<object, Map<string, PatchMeta>>()

/**
 * Patch meta from OpenAPI v3 component schemas as kube-apiserver publishes them
 * (`components.schemas`), rooted at e.g. `io.k8s.api.apps.v1.Deployment`. Nothing is walked up front:
 * each type is read the first time a patch reaches one of its fields, then remembered.
 */
export function patchMetaFromOpenApi(schemas: Record<string, unknown>, rootSchemaName: string): PatchMeta {
  return namedMeta(schemas, rootSchemaName, 0)
}

function namedMeta(schemas: Record<string, unknown>, name: string, hops: number): PatchMeta {
  let byName = metaBySchemas.get(schemas)
  if (!byName) metaBySchemas.set(schemas, (byName = new Map()))
  let meta = byName.get(name)
  if (!meta) {
    const schema = ownField(schemas, name)
    meta = isJsonObject(schema) && hops < MAX_REF_HOPS ? nodeMeta(schemas, schema, hops + 1) : NO_PATCH_META
    byName.set(name, meta)
  }
  return meta
}

/** The meta of a schema node: a reference, an object with properties, a map, or nothing we can use. */
function nodeMeta(schemas: Record<string, unknown>, node: JsonObject, hops = 0): PatchMeta {
  const ref = referencedSchemaName(node)
  if (ref !== undefined) return namedMeta(schemas, ref, hops)
  const properties = node['properties']
  if (isJsonObject(properties)) return new ObjectPatchMeta(schemas, properties)
  const values = node['additionalProperties']
  if (isJsonObject(values)) return new MapPatchMeta(fieldMeta(schemas, values))
  return NO_PATCH_META
}

/** How one property (or one map value) patches: its extensions, and the meta of what it holds. */
function fieldMeta(schemas: Record<string, unknown>, property: JsonObject): FieldPatchMeta {
  const strategy = property['x-kubernetes-patch-strategy']
  const mergeKey = property['x-kubernetes-patch-merge-key']
  const items = property['items']
  const held = isJsonObject(items) ? items : property
  return {
    strategies: typeof strategy === 'string' ? strategy.split(',').map((s) => s.trim()).filter(Boolean) : NO_STRATEGIES,
    ...(typeof mergeKey === 'string' ? { mergeKey } : {}),
    child: nodeMeta(schemas, held),
  }
}

class ObjectPatchMeta implements PatchMeta {
  readonly #fields = new Map<string, FieldPatchMeta | undefined>()

  constructor(
    private readonly schemas: Record<string, unknown>,
    private readonly properties: JsonObject,
  ) {}

  field(name: string): FieldPatchMeta | undefined {
    if (!this.#fields.has(name)) {
      const property = ownField(this.properties, name)
      this.#fields.set(name, isJsonObject(property) ? fieldMeta(this.schemas, property) : undefined)
    }
    return this.#fields.get(name)
  }
}

/** A map's keys are data: every key patches like the map's value schema (kube's meta.go does the same). */
class MapPatchMeta implements PatchMeta {
  constructor(private readonly value: FieldPatchMeta) {}

  field(): FieldPatchMeta {
    return this.value
  }
}

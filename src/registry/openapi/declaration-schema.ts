import { listExtensionsOf, structExtensionsOf } from './list-extensions.js'
import { propertySchema, type OpenApiSchema, type PropertyContext } from './property-schema.js'
import type { TypeDeclaration } from './type-declaration.js'

/**
 * The few apimachinery types kube publishes with a hand-set v3 schema (OpenAPISchemaType /
 * OpenAPIV3OneOfTypes in k8s: apimachinery pkg/util/intstr/intstr.go, pkg/api/resource/quantity.go,
 * pkg/apis/meta/v1/time.go and micro_time.go); the `.d.ts` only says `string | number`.
 */
const SCALAR_SCHEMAS: Record<string, OpenApiSchema> = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    format: 'int-or-string',
    oneOf: [{ type: 'integer' }, { type: 'string' }],
  },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { oneOf: [{ type: 'string' }, { type: 'number' }] },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { type: 'string', format: 'date-time' },
}

/**
 * apiextensions' free-form values (a JSON value, a schema or a bool, …) carry no type in kube's
 * OpenAPI (their OpenAPISchemaType is nil: apiextensions-apiserver pkg/apis/apiextensions/v1
 * types_jsonschema.go); the `.d.ts` makes them empty interfaces.
 */
const APIEXTENSIONS = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1'
const UNTYPED_SCHEMAS = new Set(['JSON', 'JSONSchemaPropsOrBool', 'JSONSchemaPropsOrArray', 'JSONSchemaPropsOrStringArray'].map((n) => `${APIEXTENSIONS}.${n}`))

// kubernetes-models types these two as literals on top-level kinds and drops their text; kube's is this.
const CONVENTIONS = 'https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md'
export const TYPE_META_DESCRIPTIONS: Record<string, string> = {
  apiVersion:
    'APIVersion defines the versioned schema of this representation of an object. Servers should convert ' +
    'recognized schemas to the latest internal value, and may reject unrecognized values. ' +
    `More info: ${CONVENTIONS}#resources`,
  kind:
    'Kind is a string value representing the REST resource this object represents. Servers may infer this ' +
    'from the endpoint the client submits requests to. Cannot be updated. In CamelCase. ' +
    `More info: ${CONVENTIONS}#types-kinds`,
}

/** The component schema of one parsed declaration, named `name` in kube's OpenAPI. */
export function declarationSchema(name: string, declaration: TypeDeclaration, context: PropertyContext): OpenApiSchema {
  const described = declaration.description ? { description: declaration.description } : {}
  if (UNTYPED_SCHEMAS.has(name)) return described
  if (declaration.alias) {
    return { ...described, ...(SCALAR_SCHEMAS[name] ?? propertySchema(declaration.alias, [], context)) }
  }
  const gvk = groupVersionKindOf(declaration)
  const extensions = listExtensionsOf(name)
  const properties: Record<string, OpenApiSchema> = {}
  const required: string[] = []
  for (const p of declaration.properties ?? []) {
    const isTypeMeta = gvk !== undefined && p.name in TYPE_META_DESCRIPTIONS
    const description = p.description ?? (isTypeMeta ? TYPE_META_DESCRIPTIONS[p.name] : undefined)
    const shape = isTypeMeta ? { type: 'string' } : propertySchema(p.type, [p.name], context)
    properties[p.name] = { ...(description ? { description } : {}), ...shape, ...extensions?.[p.name] }
    if (!p.isOptional && !isTypeMeta) required.push(p.name)
  }
  return {
    ...described,
    type: 'object',
    ...(declaration.properties?.length ? { properties } : {}),
    ...(required.length ? { required } : {}),
    ...(gvk ? { 'x-kubernetes-group-version-kind': [gvk] } : {}),
    ...structExtensionsOf(name),
  }
}

/** A top-level kind's `.d.ts` pins `apiVersion` and `kind` to one literal each. */
type GroupVersionKind = { group: string; kind: string; version: string }

function groupVersionKindOf(declaration: TypeDeclaration): GroupVersionKind | undefined {
  const literal = (field: string) => {
    const type = declaration.properties?.find((p) => p.name === field)?.type
    return type?.kind === 'literals' && type.values.length === 1 ? type.values[0] : undefined
  }
  const apiVersion = literal('apiVersion')
  const kind = literal('kind')
  if (apiVersion === undefined || kind === undefined) return undefined
  const slash = apiVersion.indexOf('/')
  return slash < 0
    ? { group: '', kind, version: apiVersion }
    : { group: apiVersion.slice(0, slash), kind, version: apiVersion.slice(slash + 1) }
}

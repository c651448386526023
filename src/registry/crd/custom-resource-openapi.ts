import { isJsonObject } from '../../api/json-object.js'
import { TYPE_META_DESCRIPTIONS } from '../openapi/declaration-schema.js'
import { componentRef } from '../openapi/schema-ref.js'
import type { JsonSchemaProps } from './crd-types.js'

type Schema = Record<string, unknown>

const CONVENTIONS = 'https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md'
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1'
// metav1beta1 PartialObjectMetadata(List) SwaggerDoc, which apiextensions' builder reuses.
const METADATA_DESCRIPTION = `Standard object's metadata. More info: ${CONVENTIONS}#metadata`
const LIST_METADATA_DESCRIPTION = `Standard list metadata. More info: ${CONVENTIONS}#types-kinds`

const typeMeta = (): Schema => ({
  apiVersion: { description: TYPE_META_DESCRIPTIONS['apiVersion'], type: 'string' },
  kind: { description: TYPE_META_DESCRIPTIONS['kind'], type: 'string' },
})
const metadataRef = (name: string, description: string): Schema => ({ allOf: [{ $ref: componentRef(`${META}.${name}`) }], description })

/** `stable.example.com/v1` `CronTab` → `com.example.stable.v1.CronTab` (kube-openapi util.ToRESTFriendlyName). */
export const customSchemaName = (group: string, version: string, kind: string) =>
  `${group.split('.').reverse().join('.')}.${version}.${kind}`

export interface CustomKindNames {
  group: string
  version: string
  kind: string
  listKind: string
  plural: string
}

/**
 * The OpenAPI v3 component schemas of one CRD version, as apiextensions publishes them (k8s:
 * apiextensions-apiserver pkg/controller/openapi/builder/builder.go buildKubeNative,
 * buildListSchema): the structural schema with kube's apiVersion, kind and metadata (a reference
 * to ObjectMeta) at the root and in embedded resources, int-or-string unfolded, and the list kind.
 */
export function customResourceSchemas(names: CustomKindNames, schema: JsonSchemaProps | undefined): Record<string, Schema> {
  const name = customSchemaName(names.group, names.version, names.kind)
  const kind: Schema = schema ? withKubeNative(published(schema) as Schema) : { type: 'object' }
  kind['x-kubernetes-group-version-kind'] = [{ group: names.group, kind: names.kind, version: names.version }]
  const list: Schema = {
    description: `${names.listKind} is a list of ${names.kind}`,
    properties: {
      ...typeMeta(),
      items: { description: `List of ${names.plural}. More info: ${CONVENTIONS}`, items: { $ref: componentRef(name) }, type: 'array' },
      metadata: metadataRef('ListMeta', LIST_METADATA_DESCRIPTION),
    },
    required: ['items'],
    type: 'object',
    'x-kubernetes-group-version-kind': [{ group: names.group, kind: names.listKind, version: names.version }],
  }
  return { [name]: kind, [customSchemaName(names.group, names.version, names.listKind)]: list }
}

/** The root: kube's TypeMeta and ObjectMeta in place of whatever the schema said of them. */
function withKubeNative(root: Schema): Schema {
  const properties = isJsonObject(root['properties']) ? root['properties'] : {}
  return { ...root, properties: { ...properties, ...typeMeta(), metadata: metadataRef('ObjectMeta', METADATA_DESCRIPTION) } }
}

/** A node as published: int-or-string unfolded (structural Unfold), embedded resources given TypeMeta and ObjectMeta. */
function published(node: JsonSchemaProps): unknown {
  const out: Schema = {}
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && isJsonObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, published(v as JsonSchemaProps)]))
    } else if ((key === 'items' || key === 'additionalProperties' || key === 'not') && isJsonObject(value)) {
      out[key] = published(value as JsonSchemaProps)
    } else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      out[key] = value.map((v) => published(v as JsonSchemaProps))
    } else out[key] = value
  }
  if (node['x-kubernetes-int-or-string'] === true && out['anyOf'] === undefined && out['allOf'] === undefined) {
    out['anyOf'] = [{ type: 'integer' }, { type: 'string' }]
  }
  if (node['x-kubernetes-embedded-resource'] === true) {
    const properties = isJsonObject(out['properties']) ? out['properties'] : {}
    out['properties'] = { ...properties, ...typeMeta(), metadata: metadataRef('ObjectMeta', METADATA_DESCRIPTION) }
    const required = Array.isArray(out['required']) ? (out['required'] as string[]) : []
    out['required'] = [...required, ...['kind', 'apiVersion'].filter((k) => !required.includes(k))]
  }
  return out
}

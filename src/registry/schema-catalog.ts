import { buildOpenApiV3, groupByGroupVersion, groupVersionPath, gvDocument, serialize, type OpenApiDocument } from './openapi/openapi-v3.js'
import { goEmptyFieldsOf } from './openapi/go-empty-fields.js'
import type { OpenApiSchema } from './openapi/property-schema.js'
import { schemaClosure } from './openapi/schema-closure.js'
import { typeDescriptionFromOpenApi, type TypeDescriptionOptions } from './type-description/from-openapi.js'
import type { TypeDescription } from './type-description/type-description.js'
import type { ResourceDefinition } from './resource-definition.js'
import type { ResourceRegistry } from './resource-registry.js'
import type { ObjectValidator } from './store-context.js'
import { namedShape, type Shape } from './validation/schema-shape.js'
import { validateObject } from './validation/validate-object.js'

/** What the server knows of each kind's schema: validation, its type (patch and apply), OpenAPI documents. */
export interface SchemaCatalog {
  validateObject: ObjectValidator
  typeDescriptionFor(definition: Pick<ResourceDefinition, 'schemaName'>): TypeDescription
  openApiIndex(): object
  /** `api/v1`, `apis/apps/v1` */
  openApiDocument(groupVersionPath: string): { body: Buffer; hash: string } | undefined
  /** ObjectMeta as kube's decoder reads it, for kinds decoded without a Go type (custom resources) */
  objectMetaShape(): Shape
}

/**
 * One schema source for everything: the built-in kinds' OpenAPI, built lazily from the
 * kubernetes-models package on first use (docs/decisions/0003-schemas-from-kubernetes-models.md).
 */
const BUILT_IN: TypeDescriptionOptions = { emptyValueFieldsOf: goEmptyFieldsOf }
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1'

/**
 * The built-in kinds' schemas, plus those custom kinds bring (ResourceDefinition.openApiSchemas):
 * their documents are built on first request after each change of the registry, so a CRD's
 * OpenAPI (and the index's hash of it) changes the moment the CRD does.
 */
export function schemaCatalog(registry: ResourceRegistry): SchemaCatalog {
  const builtin = buildOpenApiV3(registry.definitions.filter((d) => !d.isCustom))
  const custom = customSchemas(registry, () => builtin.schemas())
  return {
    validateObject: ({ definition, object, json, mode, warnings }) => {
      const { checkDecoded } = definition.strategy
      if (checkDecoded) return checkDecoded({ object, ...(json !== undefined ? { json } : {}), mode, warnings })
      const result = validateObject(builtin.schemas(), { resource: definition, object, ...(json ? { json } : {}), fieldValidation: mode })
      warnings.push(...result.warnings)
    },
    // typeDescriptionFromOpenApi remembers each schema's type, and answers DEDUCED for one it lacks.
    typeDescriptionFor: (definition) => {
      const schemas = custom.schemasOf(definition.schemaName)
      return schemas ? typeDescriptionFromOpenApi(schemas, definition.schemaName) : typeDescriptionFromOpenApi(builtin.schemas(), definition.schemaName, BUILT_IN)
    },
    openApiIndex: () => {
      const index = builtin.index() as { paths: Record<string, unknown> }
      return { paths: { ...index.paths, ...custom.indexPaths() } }
    },
    openApiDocument: (path) => custom.document(path) ?? builtin.document(path),
    objectMetaShape: () => namedShape(builtin.schemas(), `${META}.ObjectMeta`)!,
  }
}

type Schemas = Readonly<Record<string, OpenApiSchema>>

/** The custom kinds' side of the catalog, rebuilt lazily after each registry change. */
function customSchemas(registry: ResourceRegistry, builtinSchemas: () => Schemas) {
  let built: { byName: Map<string, Schemas>; documents: Map<string, OpenApiDocument> } | undefined
  // asked on every write (its type description): known once per registry change, not found by a scan each time
  let hasCustom: boolean | undefined
  registry.onChange(() => {
    built = undefined
    hasCustom = undefined
  })
  const anyCustom = () => (hasCustom ??= registry.definitions.some((d) => d.isCustom))
  const build = () => {
    const all = builtinSchemas()
    const customs = registry.definitions.filter((d) => d.isCustom && d.openApiSchemas)
    const byName = new Map<string, Schemas>()
    const withMeta = Object.freeze({ ...schemaClosure(all, [`${META}.ObjectMeta`, `${META}.ListMeta`]) })
    for (const d of customs) {
      const schemas = Object.freeze({ ...withMeta, ...d.openApiSchemas! }) as Schemas
      for (const name of Object.keys(d.openApiSchemas!)) byName.set(name, schemas)
    }
    const customPaths = new Set(customs.map(groupVersionPath))
    const documents = new Map<string, OpenApiDocument>()
    for (const [gvPath, members] of groupByGroupVersion(registry.definitions)) {
      if (!customPaths.has(gvPath)) continue
      const schemas = Object.assign({}, all, ...members.map((m) => m.openApiSchemas ?? {})) as Schemas
      documents.set(gvPath, serialize(gvDocument(schemas, members, 'v1.32.0')))
    }
    return { byName, documents }
  }
  const get = () => (built ??= build())
  return {
    schemasOf: (name: string) => (anyCustom() ? get().byName.get(name) : undefined),
    document: (path: string) => (anyCustom() ? get().documents.get(path) : undefined),
    indexPaths: () =>
      Object.fromEntries([...get().documents].map(([gvPath, doc]) => [gvPath, { serverRelativeURL: `/openapi/v3/${gvPath}?hash=${doc.hash}` }])),
  }
}

import { buildOpenApiV3 } from './openapi/openapi-v3.js'
import { goEmptyFieldsOf } from './openapi/go-empty-fields.js'
import { typeDescriptionFromOpenApi, type TypeDescriptionOptions } from './type-description/from-openapi.js'
import type { TypeDescription } from './type-description/type-description.js'
import type { ResourceDefinition } from './resource-definition.js'
import type { ResourceRegistry } from './resource-registry.js'
import type { ObjectValidator } from './store-context.js'
import { validateObject } from './validation/validate-object.js'

/** What the server knows of each kind's schema: validation, its type (patch and apply), OpenAPI documents. */
export interface SchemaCatalog {
  validateObject: ObjectValidator
  typeDescriptionFor(definition: Pick<ResourceDefinition, 'schemaName'>): TypeDescription
  openApiIndex(): object
  /** `api/v1`, `apis/apps/v1` */
  openApiDocument(groupVersionPath: string): { body: Buffer; hash: string } | undefined
}

/**
 * One schema source for everything: the built-in kinds' OpenAPI, built lazily from the
 * kubernetes-models package on first use (docs/decisions/0003-schemas-from-kubernetes-models.md).
 */
const BUILT_IN: TypeDescriptionOptions = { emptyValueFieldsOf: goEmptyFieldsOf }

export function schemaCatalog(registry: ResourceRegistry): SchemaCatalog {
  const openApi = buildOpenApiV3(registry.definitions)
  return {
    validateObject: ({ definition, object, json, mode, warnings }) => {
      const result = validateObject(openApi.schemas(), { resource: definition, object, ...(json ? { json } : {}), fieldValidation: mode })
      warnings.push(...result.warnings)
    },
    // typeDescriptionFromOpenApi remembers each schema's type, and answers DEDUCED for one it lacks.
    typeDescriptionFor: (definition) => typeDescriptionFromOpenApi(openApi.schemas(), definition.schemaName, BUILT_IN),
    openApiIndex: () => openApi.index(),
    openApiDocument: (path) => openApi.document(path),
  }
}

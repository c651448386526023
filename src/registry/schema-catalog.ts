import { buildOpenApiV3 } from './openapi/openapi-v3.js'
import { patchMetaFromOpenApi, type PatchMeta } from './patch/patch-meta.js'
import type { ResourceDefinition } from './resource-definition.js'
import type { ResourceRegistry } from './resource-registry.js'
import type { ObjectValidator } from './store-context.js'
import { validateObject } from './validation/validate-object.js'

/** What the server knows of each kind's schema: validation, patch merge keys, OpenAPI documents. */
export interface SchemaCatalog {
  validateObject: ObjectValidator
  patchMetaFor(definition: ResourceDefinition): PatchMeta
  openApiIndex(): object
  /** `api/v1`, `apis/apps/v1` */
  openApiDocument(groupVersionPath: string): { body: Buffer; hash: string } | undefined
}

/**
 * One schema source for everything: the built-in kinds' OpenAPI, built lazily from the
 * kubernetes-models package on first use (docs/decisions/0003-schemas-from-kubernetes-models.md).
 */
export function schemaCatalog(registry: ResourceRegistry): SchemaCatalog {
  const openApi = buildOpenApiV3(registry.definitions)
  return {
    validateObject: ({ definition, object, json, mode, warnings }) => {
      const result = validateObject(openApi.schemas(), { resource: definition, object, ...(json ? { json } : {}), fieldValidation: mode })
      warnings.push(...result.warnings)
    },
    // patchMetaFromOpenApi remembers each schema's meta, and answers NO_PATCH_META for one it lacks.
    patchMetaFor: (definition) => patchMetaFromOpenApi(openApi.schemas() as Record<string, unknown>, definition.schemaName),
    openApiIndex: () => openApi.index(),
    openApiDocument: (path) => openApi.document(path),
  }
}

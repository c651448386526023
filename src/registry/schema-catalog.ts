import { buildOpenApiV3 } from './openapi/openapi-v3.js'
import { NO_PATCH_META, patchMetaFromOpenApi, type PatchMeta } from './patch/patch-meta.js'
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
  const patchMetas = new Map<string, PatchMeta>()
  return {
    validateObject: ({ definition, object, json, mode, warnings }) => {
      const result = validateObject(openApi.schemas(), { resource: definition, object, ...(json ? { json } : {}), fieldValidation: mode })
      warnings.push(...result.warnings)
    },
    patchMetaFor: (definition) => {
      let meta = patchMetas.get(definition.schemaName)
      if (!meta) {
        const schemas = openApi.schemas() as Record<string, unknown>
        meta = definition.schemaName in schemas ? patchMetaFromOpenApi(schemas, definition.schemaName) : NO_PATCH_META
        patchMetas.set(definition.schemaName, meta)
      }
      return meta
    },
    openApiIndex: () => openApi.index(),
    openApiDocument: (path) => openApi.document(path),
  }
}

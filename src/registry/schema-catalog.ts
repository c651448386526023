import { NO_PATCH_META, type PatchMeta } from './patch/patch-meta.js'
import type { ResourceDefinition } from './resource-definition.js'
import type { ResourceRegistry } from './resource-registry.js'
import type { ObjectValidator } from './store-context.js'

/** What the server knows of each kind's schema: validation, patch merge keys, OpenAPI documents. */
export interface SchemaCatalog {
  validateObject: ObjectValidator
  patchMetaFor(definition: ResourceDefinition): PatchMeta
  openApiIndex(): object
  /** `api/v1`, `apis/apps/v1` */
  openApiDocument(groupVersionPath: string): { body: Buffer; hash: string } | undefined
}

export function schemaCatalog(_registry: ResourceRegistry): SchemaCatalog {
  return {
    validateObject: () => {},
    patchMetaFor: () => NO_PATCH_META,
    openApiIndex: () => ({ paths: {} }),
    openApiDocument: () => undefined,
  }
}

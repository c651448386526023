import { unsupportedMediaType } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import { StorageError } from '../../storage/errors.js'
import type { ObjectKey } from '../../storage/storage.js'
import { keyOf, parseStored } from '../object-key.js'
import { applyJsonPatch } from '../patch/json-patch.js'
import { applyMergePatch } from '../patch/merge-patch.js'
import { applyStrategicMergePatch } from '../patch/strategic-merge-patch.js'
import { type RequestScope, auditOf } from '../request-scope.js'
import type { StoreContext } from '../store-context.js'
import { checkPatchedObject } from './patched-object.js'
import { prepareUpdate } from './prepare-update.js'
import { runWrite } from './run-write.js'
import type { WrittenObject } from './write-response.js'

/** Server-side apply; handled by the field manager (verbs/apply.ts), not by merging a document. */
export const APPLY_PATCH_TYPE = 'application/apply-patch+yaml'

/** The patch types kube serves for built-in kinds, in the order its 415 lists them. */
export const PATCH_CONTENT_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  APPLY_PATCH_TYPE,
] as const
export type PatchContentType = (typeof PATCH_CONTENT_TYPES)[number]
/** What a custom resource accepts: no strategic merge patch. */
export const CUSTOM_PATCH_CONTENT_TYPES: readonly PatchContentType[] = PATCH_CONTENT_TYPES.filter((t) => t !== 'application/strategic-merge-patch+json')
type MergingPatchType = Exclude<PatchContentType, typeof APPLY_PATCH_TYPE>

export const isPatchContentType = (t: string): t is PatchContentType => (PATCH_CONTENT_TYPES as readonly string[]).includes(t)

/** Applies one patch document (JSON, merge or strategic merge) to an object, by content type; never mutates the object. */
export function applyPatch(ctx: StoreContext, scope: RequestScope, type: string, original: unknown, patch: unknown): unknown {
  if (!isPatchContentType(type) || type === APPLY_PATCH_TYPE) throw unsupportedMediaType(type, PATCH_CONTENT_TYPES)
  switch (type as MergingPatchType) {
    case 'application/json-patch+json':
      return applyJsonPatch(original, patch)
    case 'application/merge-patch+json':
      return applyMergePatch(original, patch)
    case 'application/strategic-merge-patch+json':
      return applyStrategicMergePatch(original, patch, ctx.typeDescriptionFor(scope.definition))
  }
}

/** A resourceVersion the patch sets is a precondition: the object must still be at it (409 otherwise). */
export function checkPatchedResourceVersion(key: ObjectKey, patched: { metadata?: { resourceVersion?: string } }, current: KubeObject): void {
  const wanted = patched.metadata?.resourceVersion
  if (wanted !== undefined && wanted !== current.metadata.resourceVersion) throw new StorageError('Conflict', 'modified', key)
}

/** PATCH: read-modify-write inside the commit transaction, so concurrent patches never lose each other. */
export async function patchObject(ctx: StoreContext, scope: RequestScope, contentType: string, patch: unknown): Promise<WrittenObject> {
  const key = keyOf(scope, scope.name!)
  return runWrite(ctx, scope, {
    key,
    precondition: { type: 'present' },
    apply: (current) => {
      const original = parseStored(current!)
      const patched = checkPatchedObject(scope, applyPatch(ctx, scope, contentType, original, patch))
      checkPatchedResourceVersion(key, patched, original)
      ctx.validateObject({ definition: scope.definition, object: patched, mode: scope.fieldValidation, warnings: scope.warnings })
      return prepareUpdate(ctx, scope, { current: original, proposed: patched as KubeObject })
    },
    audit: auditOf(scope, 'patch'),
  })
}

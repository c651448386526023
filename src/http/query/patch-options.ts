import { invalid } from '../../api/errors.js'
import { queryOptionalBool } from '../../api/query-params.js'
import type { StatusCause } from '../../api/types.js'
import type { RequestScope } from '../../registry/request-scope.js'
import { APPLY_PATCH_TYPE } from '../../registry/verbs/patch.js'
import { forbiddenCause, requiredCause } from './options-causes.js'

/**
 * The PatchOptions kube checks before it reads the object (k8s: apimachinery
 * pkg/apis/meta/v1/validation/validation.go ValidatePatchOptions): `force` only with an apply
 * patch, and an apply patch needs a `fieldManager`. Answers `force`, false when absent. `force` is
 * a *bool decoded by Convert_Slice_string_To_Pointer_bool (zz_generated.conversion.go
 * Convert_url_Values_To_v1_PatchOptions): `force=yes` is true, never a 400. The options every write
 * shares (fieldManager, dryRun, fieldValidation) are checked in write-options.ts.
 */
export function patchForceFrom(query: URLSearchParams, contentType: string, scope: RequestScope): boolean {
  const force = queryOptionalBool(query, 'force')
  const causes: StatusCause[] = []
  const isApply = contentType === APPLY_PATCH_TYPE
  if (!isApply && force !== undefined) causes.push(forbiddenCause('force', 'may not be specified for non-apply patch'))
  if (isApply && !scope.fieldManager) causes.push(requiredCause('fieldManager', 'is required for apply patch'))
  if (causes.length > 0) throw invalid('PatchOptions', 'meta.k8s.io', '', causes)
  return force ?? false
}

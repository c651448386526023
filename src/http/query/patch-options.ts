import { badRequest, invalid } from '../../api/errors.js'
import type { StatusCause } from '../../api/types.js'
import type { RequestScope } from '../../registry/request-scope.js'
import { APPLY_PATCH_TYPE } from '../../registry/verbs/patch.js'

/** Go's strconv.ParseBool, which decodes the `force` query parameter. */
const BOOLEANS: Record<string, boolean> = { '1': true, t: true, T: true, TRUE: true, true: true, True: true, '0': false, f: false, F: false, FALSE: false, false: false, False: false }

/**
 * The PatchOptions kube checks before it reads the object (k8s: apimachinery
 * pkg/apis/meta/v1/validation/validation.go ValidatePatchOptions): `force` only with an apply
 * patch, and an apply patch needs a `fieldManager`. Answers `force`, false when absent.
 */
export function patchForceFrom(query: URLSearchParams, contentType: string, scope: RequestScope): boolean {
  const raw = query.get('force')
  const force = raw === null ? undefined : BOOLEANS[raw]
  if (raw !== null && force === undefined) throw badRequest(`strconv.ParseBool: parsing ${JSON.stringify(raw)}: invalid syntax`)
  const causes: StatusCause[] = []
  const isApply = contentType === APPLY_PATCH_TYPE
  if (!isApply && raw !== null) causes.push({ reason: 'FieldValueForbidden', message: 'Forbidden: may not be specified for non-apply patch', field: 'force' })
  if (isApply && !scope.fieldManager) causes.push({ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' })
  if (causes.length > 0) throw invalid('PatchOptions', 'meta.k8s.io', '', causes)
  return force ?? false
}

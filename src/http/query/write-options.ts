import { invalid } from '../../api/errors.js'
import { queryOptionalBool, queryString, queryStrings } from '../../api/query-params.js'
import type { ResourceRequestInfo } from '../../api/request-info.js'
import type { StatusCause } from '../../api/types.js'
import type { FieldValidation } from '../../registry/validation/field-validation.js'
import { dryRunCauses, fieldManagerCauses, forbiddenCause, notSupportedCause, requiredCause } from './options-causes.js'

/** What the query of a create, update or patch asks for (k8s metav1.CreateOptions, UpdateOptions, PatchOptions). */
export interface WriteOptions {
  isDryRun: boolean
  fieldManager?: string
  fieldValidation: FieldValidation
}

const OPTIONS_KIND: Partial<Record<ResourceRequestInfo['verb'], string>> = { create: 'CreateOptions', update: 'UpdateOptions', patch: 'PatchOptions' }
const FIELD_VALIDATIONS: readonly string[] = ['', 'Ignore', 'Strict', 'Warn']
const APPLY_PATCH_TYPES = new Set(['application/apply-patch+yaml', 'application/apply-patch+cbor'])

/** ValidatePatchOptions' own rule: apply needs a field manager, and only apply takes `force`. */
function patchCauses(query: URLSearchParams, patchType: string | undefined): StatusCause[] {
  if (patchType !== undefined && APPLY_PATCH_TYPES.has(patchType)) {
    return queryString(query, 'fieldManager') ? [] : [requiredCause('fieldManager', 'is required for apply patch')]
  }
  return queryOptionalBool(query, 'force') === undefined ? [] : [forbiddenCause('force', 'may not be specified for non-apply patch')]
}

/**
 * The write options from the query, checked as kube checks them (k8s: apiserver pkg/endpoints/handlers
 * create.go, update.go, patch.go: DecodeParameters, then Validate{Create,Update,Patch}Options → 422 on
 * the options kind). Reads and deletes take none of these (a delete's dryRun is in its DeleteOptions):
 * there they are ignored, as kube ignores them. `patchType` is the PATCH's media type.
 */
export function parseWriteOptions(query: URLSearchParams, verb: ResourceRequestInfo['verb'], patchType?: string): WriteOptions {
  const kind = OPTIONS_KIND[verb]
  if (!kind) return { isDryRun: false, fieldValidation: 'Warn' }
  const dryRun = queryStrings(query, 'dryRun')
  const fieldManager = queryString(query, 'fieldManager') ?? ''
  const fieldValidation = queryString(query, 'fieldValidation') ?? ''
  const causes = [
    ...(verb === 'patch' ? patchCauses(query, patchType) : []),
    ...fieldManagerCauses(fieldManager),
    ...dryRunCauses(dryRun),
    ...(FIELD_VALIDATIONS.includes(fieldValidation) ? [] : [notSupportedCause('fieldValidation', JSON.stringify(fieldValidation), FIELD_VALIDATIONS)]),
  ]
  if (causes.length) throw invalid(kind, 'meta.k8s.io', '', causes)
  return {
    isDryRun: dryRun.length > 0,
    ...(fieldManager ? { fieldManager } : {}),
    // Empty means Warn, kube's default since server-side field validation went GA in 1.27
    // (k8s: apiserver pkg/endpoints/handlers/rest.go fieldValidation).
    fieldValidation: (fieldValidation || 'Warn') as FieldValidation,
  }
}

import { invalid } from '../../api/errors.js'
import { queryString, queryStrings } from '../../api/query-params.js'
import type { ResourceRequestInfo } from '../../api/request-info.js'
import type { FieldValidation } from '../../registry/validation/field-validation.js'
import { dryRunCauses, fieldManagerCauses, notSupportedCause } from './options-causes.js'

/** What the query of a create, update or patch asks for (k8s metav1.CreateOptions, UpdateOptions, PatchOptions). */
export interface WriteOptions {
  isDryRun: boolean
  fieldManager?: string
  fieldValidation: FieldValidation
}

const OPTIONS_KIND: Partial<Record<ResourceRequestInfo['verb'], string>> = { create: 'CreateOptions', update: 'UpdateOptions', patch: 'PatchOptions' }
const FIELD_VALIDATIONS: readonly string[] = ['', 'Ignore', 'Strict', 'Warn']

/**
 * The write options from the query, checked as kube checks them (k8s: apiserver pkg/endpoints/handlers
 * create.go, update.go, patch.go: DecodeParameters, then Validate{Create,Update,Patch}Options → 422 on
 * the options kind). Reads and deletes take none of these (a delete's dryRun is in its DeleteOptions):
 * there they are ignored, as kube ignores them. PatchOptions' own rules about `force` and apply are
 * checked by the patch handler, once it knows the patch type is served (patch-options.ts).
 */
export function parseWriteOptions(query: URLSearchParams, verb: ResourceRequestInfo['verb']): WriteOptions {
  const kind = OPTIONS_KIND[verb]
  if (!kind) return { isDryRun: false, fieldValidation: 'Warn' }
  const dryRun = queryStrings(query, 'dryRun')
  const fieldManager = queryString(query, 'fieldManager') ?? ''
  const fieldValidation = queryString(query, 'fieldValidation') ?? ''
  const causes = [
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

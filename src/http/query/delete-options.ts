import { invalid } from '../../api/errors.js'
import { queryInt64, queryOptionalBool, queryString, queryStrings } from '../../api/query-params.js'
import type { StatusCause } from '../../api/types.js'
import { dryRunCauses, notSupportedCause } from './options-causes.js'

/** metav1.DeleteOptions as a request gives them: the body's, or else the query's. */
export interface RequestDeleteOptions {
  dryRun: string[]
  preconditions?: { uid?: string; resourceVersion?: string }
  /** parsed and checked; deletion here is immediate, so the grace period has nothing to shorten */
  gracePeriodSeconds?: number
  /** parsed and checked; there is no garbage collector yet to act on it */
  propagationPolicy?: string
  orphanDependents?: boolean
}

const PROPAGATION_POLICIES = ['Foreground', 'Background', 'Orphan']

/** Convert_url_Values_To_v1_DeleteOptions: preconditions cannot come from the query. */
export function deleteOptionsFromQuery(query: URLSearchParams): RequestDeleteOptions {
  const gracePeriodSeconds = queryInt64(query, 'gracePeriodSeconds')
  const propagationPolicy = queryString(query, 'propagationPolicy')
  const orphanDependents = queryOptionalBool(query, 'orphanDependents')
  return {
    dryRun: queryStrings(query, 'dryRun'),
    ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}),
    ...(propagationPolicy !== undefined ? { propagationPolicy } : {}),
    ...(orphanDependents !== undefined ? { orphanDependents } : {}),
  }
}

/** DeleteOptions from a decoded body; fields of the wrong type are left out. */
export function deleteOptionsFromObject(decoded: unknown): RequestDeleteOptions {
  const { dryRun, preconditions, gracePeriodSeconds, propagationPolicy, orphanDependents } =
    (decoded ?? {}) as Partial<Omit<RequestDeleteOptions, 'dryRun'>> & { dryRun?: unknown }
  return {
    dryRun: Array.isArray(dryRun) ? dryRun.map(String) : [],
    ...(preconditions ? { preconditions } : {}),
    ...(typeof gracePeriodSeconds === 'number' ? { gracePeriodSeconds } : {}),
    ...(typeof propagationPolicy === 'string' ? { propagationPolicy } : {}),
    ...(typeof orphanDependents === 'boolean' ? { orphanDependents } : {}),
  }
}

/** ValidateDeleteOptions (k8s: apimachinery pkg/apis/meta/v1/validation/validation.go) → 422 DeleteOptions. */
export function validateDeleteOptions(options: RequestDeleteOptions): void {
  const causes: StatusCause[] = []
  const { propagationPolicy, orphanDependents } = options
  if (orphanDependents !== undefined && propagationPolicy !== undefined) {
    causes.push({
      reason: 'FieldValueInvalid', field: 'propagationPolicy',
      message: `Invalid value: ${JSON.stringify(propagationPolicy)}: orphanDependents and deletionPropagation cannot be both set`,
    })
  }
  if (propagationPolicy !== undefined && !PROPAGATION_POLICIES.includes(propagationPolicy)) {
    causes.push(notSupportedCause('propagationPolicy', JSON.stringify(propagationPolicy), [...PROPAGATION_POLICIES, 'nil']))
  }
  causes.push(...dryRunCauses(options.dryRun))
  if (causes.length) throw invalid('DeleteOptions', 'meta.k8s.io', '', causes)
}

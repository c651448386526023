import { badRequest, invalid } from '../../api/errors.js'
import { queryBool, queryInt64, queryOptionalBool, queryString } from '../../api/query-params.js'
import type { StatusCause } from '../../api/types.js'
import { decodeContinue, type ContinueToken } from '../../registry/continue-token.js'
import { forbiddenCause, notSupportedCause } from './options-causes.js'

/** The list and watch query parameters (k8s metav1.ListOptions). */
export interface ListOptions {
  labelSelector?: string
  fieldSelector?: string
  resourceVersion?: string
  resourceVersionMatch?: 'Exact' | 'NotOlderThan'
  /** positive; a list without it is not paged */
  limit?: number
  continueToken?: ContinueToken
  /** as sent, negatives included: watchTimeoutMs() turns it into the watch's timer */
  timeoutSeconds?: number
  allowWatchBookmarks: boolean
  sendInitialEvents?: boolean
  isWatch: boolean
}

const notSupported = (field: string, value: string, supported: string[]) => notSupportedCause(field, JSON.stringify(value), supported)

// The option combinations kube refuses, as 422 Invalid ListOptions
// (k8s: apimachinery/pkg/apis/meta/internalversion/validation/validation.go ValidateListOptions).
function validate(o: ListOptions, rawMatch: string): StatusCause[] {
  const causes: StatusCause[] = []
  if (o.isWatch) {
    if (o.sendInitialEvents !== undefined && rawMatch !== 'NotOlderThan') causes.push(forbiddenCause('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'))
    if (rawMatch && o.sendInitialEvents === undefined) causes.push(forbiddenCause('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'))
    if (rawMatch && rawMatch !== 'NotOlderThan') causes.push(notSupported('resourceVersionMatch', rawMatch, ['NotOlderThan']))
    if (rawMatch && o.continueToken) causes.push(forbiddenCause('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'))
    return causes
  }
  if (rawMatch) {
    if (!o.resourceVersion) causes.push(forbiddenCause('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'))
    if (o.continueToken) causes.push(forbiddenCause('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'))
    if (rawMatch !== 'Exact' && rawMatch !== 'NotOlderThan') causes.push(notSupported('resourceVersionMatch', rawMatch, ['Exact', 'NotOlderThan', '']))
    if (rawMatch === 'Exact' && o.resourceVersion === '0') causes.push(forbiddenCause('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'))
  }
  if (o.sendInitialEvents !== undefined) causes.push(forbiddenCause('sendInitialEvents', 'sendInitialEvents is forbidden for list'))
  return causes
}

export function parseListOptions(query: URLSearchParams, isWatch: boolean): ListOptions {
  const rawMatch = queryString(query, 'resourceVersionMatch') ?? ''
  const rawContinue = queryString(query, 'continue')
  // kube pages only for a positive limit; 0 and negatives list everything (etcd3 store GetList).
  const limit = queryInt64(query, 'limit') ?? 0
  const timeoutSeconds = queryInt64(query, 'timeoutSeconds')
  const sendInitialEvents = queryOptionalBool(query, 'sendInitialEvents')
  const [labelSelector, fieldSelector, resourceVersion] = ['labelSelector', 'fieldSelector', 'resourceVersion'].map((name) => queryString(query, name))
  const options: ListOptions = {
    ...(labelSelector ? { labelSelector } : {}),
    ...(fieldSelector ? { fieldSelector } : {}),
    ...(resourceVersion ? { resourceVersion } : {}),
    ...(rawMatch === 'Exact' || rawMatch === 'NotOlderThan' ? { resourceVersionMatch: rawMatch } : {}),
    ...(limit > 0 ? { limit } : {}),
    ...(rawContinue ? { continueToken: decodeContinue(rawContinue) } : {}),
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    allowWatchBookmarks: queryBool(query, 'allowWatchBookmarks'),
    ...(sendInitialEvents !== undefined ? { sendInitialEvents } : {}),
    isWatch,
  }
  if (options.continueToken && options.resourceVersion && options.resourceVersion !== '0' && !isWatch) {
    throw badRequest('specifying resource version is not allowed when using continue')
  }
  const causes = validate(options, rawMatch)
  if (causes.length) throw invalid('ListOptions', 'meta.k8s.io', '', causes)
  return options
}

// The largest delay a Node timer holds; a longer one fires at once (with a TimeoutOverflowWarning).
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * How long a watch may run, from its timeoutSeconds (k8s: apiserver pkg/endpoints/handlers/get.go
 * ListResource): 0 is no timeout given (kube then picks its own 30-60 min; we never end the watch,
 * as without the parameter); a negative one has already passed, so the watch ends at once; one past
 * what a timer holds (about 24.8 days) never fires rather than firing at once.
 */
export function watchTimeoutMs(timeoutSeconds: number | undefined): number | undefined {
  if (timeoutSeconds === undefined || timeoutSeconds === 0) return undefined
  if (timeoutSeconds < 0) return 0
  const timeoutMs = timeoutSeconds * 1000
  return timeoutMs > MAX_TIMER_MS ? undefined : timeoutMs
}

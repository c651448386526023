import { badRequest, invalid } from '../../api/errors.js'
import type { StatusCause } from '../../api/types.js'
import { decodeContinue, type ContinueToken } from '../../registry/continue-token.js'

/** The list and watch query parameters (k8s metav1.ListOptions). */
export interface ListOptions {
  labelSelector?: string
  fieldSelector?: string
  resourceVersion?: string
  resourceVersionMatch?: 'Exact' | 'NotOlderThan'
  limit?: number
  continueToken?: ContinueToken
  timeoutSeconds?: number
  allowWatchBookmarks: boolean
  sendInitialEvents?: boolean
  isWatch: boolean
}

const forbiddenCause = (field: string, message: string): StatusCause => ({ reason: 'FieldValueForbidden', field, message: `Forbidden: ${message}` })
const notSupported = (field: string, value: string, supported: string[]): StatusCause => ({
  reason: 'FieldValueNotSupported',
  field,
  message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
})

function parseNonNegative(raw: string | null, name: string): number | undefined {
  if (raw === null || raw === '') return undefined
  if (!/^\d+$/.test(raw)) throw badRequest(`invalid value for ${name}: ${JSON.stringify(raw)}`)
  return Number(raw)
}

const parseBool = (raw: string | null) => (raw === null ? undefined : raw === 'true' || raw === '1')

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
  const rawMatch = query.get('resourceVersionMatch') ?? ''
  const rawContinue = query.get('continue')
  const limit = parseNonNegative(query.get('limit'), 'limit')
  const timeoutSeconds = parseNonNegative(query.get('timeoutSeconds'), 'timeoutSeconds')
  const sendInitialEvents = parseBool(query.get('sendInitialEvents'))
  const options: ListOptions = {
    ...(query.get('labelSelector') ? { labelSelector: query.get('labelSelector')! } : {}),
    ...(query.get('fieldSelector') ? { fieldSelector: query.get('fieldSelector')! } : {}),
    ...(query.get('resourceVersion') ? { resourceVersion: query.get('resourceVersion')! } : {}),
    ...(rawMatch === 'Exact' || rawMatch === 'NotOlderThan' ? { resourceVersionMatch: rawMatch } : {}),
    ...(limit ? { limit } : {}),
    ...(rawContinue ? { continueToken: decodeContinue(rawContinue) } : {}),
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    allowWatchBookmarks: parseBool(query.get('allowWatchBookmarks')) ?? false,
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

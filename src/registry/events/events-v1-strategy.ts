import type { KubeObject, StatusCause } from '../../api/types.js'
import type { Strategy } from '../strategy.js'

const required = (field: string): StatusCause => ({ reason: 'FieldValueRequired', field, message: 'Required value' })
const invalid = (field: string, message: string): StatusCause => ({ reason: 'FieldValueInvalid', field, message: `Invalid value: "": ${message}` })
const tooLong = (field: string, limit: number) => invalid(field, `can have at most ${limit} characters`)
const text = (event: KubeObject, field: string) => (typeof event[field] === 'string' ? (event[field] as string) : '')
const isSet = (value: unknown) => value !== undefined && value !== null

/**
 * What kube checks on an event created through events.k8s.io/v1 (k8s: pkg/apis/core/validation/events.go
 * ValidateEventCreate, "strict validation" for that API). Paths are the internal Event's, as kube reports them.
 */
function validateEventsV1(event: KubeObject): StatusCause[] {
  const causes: StatusCause[] = []
  if (!isSet(event['eventTime'])) causes.push(required('eventTime'))
  else {
    if (!text(event, 'reportingController')) causes.push(required('reportingController'))
    if (!text(event, 'reportingInstance')) causes.push(required('reportingInstance'))
    else if (text(event, 'reportingInstance').length > 128) causes.push(tooLong('reportingInstance', 128))
    if (!text(event, 'action')) causes.push(required('action'))
    else if (text(event, 'action').length > 128) causes.push(tooLong('action', 128))
    if (!text(event, 'reason')) causes.push(required('reason'))
    else if (text(event, 'reason').length > 128) causes.push(tooLong('reason', 128))
    if (text(event, 'note').length > 1024) causes.push(tooLong('message', 1024))
  }
  const type = text(event, 'type')
  if (type !== 'Normal' && type !== 'Warning') causes.push(invalid('type', `has invalid value: ${type}`))
  if (isSet(event['deprecatedFirstTimestamp'])) causes.push(invalid('firstTimestamp', 'needs to be unset'))
  if (isSet(event['deprecatedLastTimestamp'])) causes.push(invalid('lastTimestamp', 'needs to be unset'))
  if (event['deprecatedCount']) causes.push(invalid('count', 'needs to be unset'))
  const source = (event['deprecatedSource'] ?? {}) as { component?: string; host?: string }
  if (source.component || source.host) causes.push(invalid('source', 'needs to be unset'))
  const series = event['series'] as { count?: number; lastObservedTime?: string } | undefined
  if (series) {
    if ((series.count ?? 0) < 2) causes.push(invalid('series.count', 'should be at least 2'))
    if (!series.lastObservedTime) causes.push(required('series.lastObservedTime'))
  }
  return causes
}

/** events.k8s.io/v1 Events: core events seen through events.k8s.io, validated as that API validates new events. */
export const eventsV1Strategy: Strategy = {
  hasGeneration: false,
  validate: (event, current) => (current ? [] : validateEventsV1(event)),
}

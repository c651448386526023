import type { KubeObject } from '../../api/types.js'
import type { VersionConversion } from '../version-conversion.js'

// Field for field, events.k8s.io/v1 Event ↔ core/v1 Event, as kube converts both through its
// internal Event (k8s: pkg/apis/events/v1/conversion.go and zz_generated.conversion.go). The pairs
// are listed in the events.k8s.io/v1 Go struct's field order, which is the order it serves them in.
const EVENTS_TO_CORE: readonly (readonly [events: string, core: string])[] = [
  ['eventTime', 'eventTime'],
  ['series', 'series'],
  ['reportingController', 'reportingComponent'],
  ['reportingInstance', 'reportingInstance'],
  ['action', 'action'],
  ['reason', 'reason'],
  ['regarding', 'involvedObject'],
  ['related', 'related'],
  ['note', 'message'],
  ['type', 'type'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
]
// core/v1 Event's own field order (k8s.io/api core/v1 types.go).
const CORE_ORDER = ['involvedObject', 'reason', 'message', 'source', 'firstTimestamp', 'lastTimestamp', 'count', 'type', 'eventTime', 'series', 'action', 'related', 'reportingComponent', 'reportingInstance']

// encoding/json writes these even when unset: structs are never empty and a zero metav1.Time or
// MicroTime is null, whatever omitempty says.
const EVENTS_ALWAYS = { eventTime: null, regarding: {}, deprecatedSource: {}, deprecatedFirstTimestamp: null, deprecatedLastTimestamp: null }
const CORE_ALWAYS = { involvedObject: {}, source: {}, firstTimestamp: null, lastTimestamp: null, eventTime: null }

function rename(from: KubeObject, pairs: readonly (readonly [string, string])[], always: Record<string, unknown>, apiVersion: string): KubeObject {
  const to: KubeObject = { kind: 'Event', apiVersion, metadata: from.metadata }
  for (const [source, target] of pairs) {
    const value = from[source] ?? always[target]
    if (value !== undefined) to[target] = value
  }
  return to
}

const CORE_TO_EVENTS = EVENTS_TO_CORE.map(([events, core]) => [core, events] as const)
const EVENTS_TO_CORE_ORDERED = CORE_ORDER.map((core) => [EVENTS_TO_CORE.find(([, c]) => c === core)![0], core] as const)

/**
 * events.k8s.io/v1 is served over the core events storage: every read converts, so a core event
 * shows up there and an events.k8s.io event in `kubectl describe`'s core Events list.
 */
export const eventsV1Conversion: VersionConversion = {
  altersStoredAt: () => true,
  toServed: (core) => rename(core, CORE_TO_EVENTS, EVENTS_ALWAYS, 'events.k8s.io/v1'),
  toStored: (events) => rename(events, EVENTS_TO_CORE_ORDERED, CORE_ALWAYS, 'v1'),
}

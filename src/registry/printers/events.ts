import type { KubeObject } from '../../api/types.js'
import { valueAt } from '../../api/selectors.js'
import { timeSince } from './duration.js'
import { int, isSet, text } from './fields.js'
import { column, wideColumn } from './printer.js'
import type { Printer } from './printer.js'

// printers.go eventColumnDefinitions / printEvent: no Age column; Name is wide-only and last.
export const eventPrinter: Printer = {
  columns: [
    column('Last Seen', 'Event.lastTimestamp'),
    column('Type', 'Event.type'),
    column('Reason', 'Event.reason'),
    column('Object', 'Event.involvedObject'),
    wideColumn('Subobject', 'ObjectReference.fieldPath'),
    wideColumn('Source', 'Event.source'),
    column('Message', 'Event.message'),
    wideColumn('First Seen', 'Event.firstTimestamp'),
    wideColumn('Count', 'Event.count'),
    { ...wideColumn('Name', 'ObjectMeta.name'), format: 'name' },
  ],
  cells(event, nowMs) {
    const { firstSeen, lastSeen, count } = eventTimes(event, nowMs)
    return [
      lastSeen,
      text(event, 'type'),
      text(event, 'reason'),
      involvedObject(event),
      text(event, 'involvedObject.fieldPath'),
      eventSource(event),
      text(event, 'message').trim(),
      firstSeen,
      count,
      event.metadata.name ?? '',
    ]
  },
}

/** core/v1 events carry firstTimestamp/lastTimestamp/count; events.k8s.io-style ones eventTime/series. */
function eventTimes(event: KubeObject, nowMs: number) {
  const firstSeen = timeSince(valueAt(event, 'firstTimestamp') ?? valueAt(event, 'eventTime'), nowMs)
  if (isSet(event, 'series')) {
    return { firstSeen, lastSeen: timeSince(valueAt(event, 'series.lastObservedTime'), nowMs), count: int(event, 'series.count') }
  }
  const lastSeen = isSet(event, 'lastTimestamp') ? timeSince(valueAt(event, 'lastTimestamp'), nowMs) : firstSeen
  // Singleton events of the new API have no count.
  return { firstSeen, lastSeen, count: int(event, 'count') || 1 }
}

/** `pod/x`, or just the lower-cased kind when the object has no name. */
function involvedObject(event: KubeObject): string {
  const kind = text(event, 'involvedObject.kind').toLowerCase()
  const name = text(event, 'involvedObject.name')
  return name ? `${kind}/${name}` : kind
}

/** formatEventSource: component (or reportingComponent), then `, host` (or reportingInstance). */
function eventSource(event: KubeObject): string {
  const component = text(event, 'source.component') || text(event, 'reportingComponent')
  const instance = text(event, 'source.host') || text(event, 'reportingInstance')
  return instance ? `${component}, ${instance}` : component
}

import { laneKeyOf } from './change-store.js'
import { matchesLane } from './filter.js'

/**
 * Where everything goes, before any DOM: the x axis is revision order (one column per visible
 * change, so gaps in the log or filtered-out changes take no room), the y axis one lane per
 * object, grouped by resource type and sorted by kind, then namespace and name.
 */
export function layOut(store, filter, resources) {
  const lanes = [...store.lanes.values()].filter((lane) => matchesLane(filter, lane))
  const isVisible = new Set(lanes.map((lane) => lane.key))
  const columns = []
  let timeMs = -Infinity
  for (const change of store.changes) {
    if (!isVisible.has(laneKeyOf(change))) continue
    // Commit times only grow with the revision; a change without one shows its predecessor's.
    if (Number.isFinite(change.timeMs)) timeMs = Math.max(timeMs, change.timeMs)
    columns.push({ revision: change.revision, timeMs })
  }
  const columnOf = new Map(columns.map((column, index) => [column.revision, index]))
  const groups = new Map()
  for (const lane of lanes) {
    if (!groups.has(lane.resource)) groups.set(lane.resource, { resource: lane.resource, kind: resources.get(lane.resource)?.kind ?? lane.resource, lanes: [] })
    groups.get(lane.resource).lanes.push(lane)
  }
  // Natural order, so web-2 comes before web-10.
  const compare = (a, b) => a.localeCompare(b, undefined, { numeric: true })
  const byName = (a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name)
  const sorted = [...groups.values()].sort((a, b) => a.kind.localeCompare(b.kind))
  for (const group of sorted) group.lanes.sort(byName)
  return { columns, columnOf, groups: sorted }
}

/** An object's lifetimes as column ranges: from a creation to its deletion (`to` undefined while it lives). */
export function lifetimesOf(lane, columnOf) {
  const spans = []
  let start
  for (const change of lane.changes) {
    const column = columnOf.get(change.revision)
    if (start === undefined) start = column
    if (change.type === 'DELETED') {
      spans.push([start, column])
      start = undefined
    }
  }
  if (start !== undefined) spans.push([start, undefined])
  return spans
}

import { escapeHtml, formatClock } from './html.js'
import { lifetimesOf } from './timeline-layout.js'

// The timeline as HTML strings. Positions are in columns (CSS variables --c, --from, --to) times
// the canvas' --step, so zooming sets one variable and a new column touches only its own mark.

export const qualifiedName = (lane) => (lane.namespace ? `${lane.namespace}/${lane.name}` : lane.name)

/** One change: a button at its column, its title saying what, where and when. */
export function markHtml({ change, column, timeMs, kind, isNew }) {
  const time = formatClock(timeMs)
  const title = escapeHtml(`${kind} ${qualifiedName(change)} · ${change.type} · revision ${change.revision}${time ? ` · ${time}` : ''}`)
  return `<button type="button" class="mark${isNew ? ' is-new' : ''}" data-type="${change.type}" data-revision="${change.revision}" data-column="${column}" tabindex="-1" style="--c:${column}" title="${title}" aria-label="${title}"></button>`
}

/** A line from a creation to the deletion; without `to` it runs on to the newest column. */
export function lifetimeHtml(from, to) {
  return to === undefined ? `<div class="lifetime" style="--from:${from}"></div>` : `<div class="lifetime" data-to="${to}" style="--from:${from};--to:${to}"></div>`
}

function laneHtml(lane, kind, layout, newestShown) {
  const spans = lifetimesOf(lane, layout.columnOf).map(([from, to]) => lifetimeHtml(from, to)).join('')
  const marks = lane.changes.map((change) => {
    const column = layout.columnOf.get(change.revision)
    return markHtml({ change, column, timeMs: layout.columns[column].timeMs, kind, isNew: change.revision > newestShown })
  }).join('')
  const namespace = lane.namespace ? `<span class="lane-namespace">${escapeHtml(lane.namespace)}/</span>` : ''
  const label = `<div class="lane-label" title="${escapeHtml(`${kind} ${qualifiedName(lane)}`)}">${namespace}${escapeHtml(lane.name)}</div>`
  return `<div class="lane" data-lane="${escapeHtml(lane.key)}">${label}<div class="lane-track">${spans}${marks}</div></div>`
}

function groupHtml(group, layout, newestShown) {
  const count = `${group.lanes.length} object${group.lanes.length === 1 ? '' : 's'}`
  const lanes = group.lanes.map((lane) => laneHtml(lane, group.kind, layout, newestShown)).join('')
  const title = `<span class="group-title">${escapeHtml(group.kind)} <span class="group-count">${count} · ${escapeHtml(group.resource)}</span></span>`
  return `<section class="group" aria-label="${escapeHtml(group.kind)}"><h2 class="group-header">${title}</h2>${lanes}</section>`
}

/** The whole canvas: axis, then each group's lanes; changes newer than `newestShown` are marked new. */
export function canvasHtml(layout, newestShown) {
  const groups = layout.groups.map((group) => groupHtml(group, layout, newestShown)).join('')
  return `<div class="canvas"><div class="axis" aria-hidden="true"><div class="axis-corner">revision order →</div><div class="axis-track"></div></div>${groups}</div>`
}

/** A time and revision label every `tickEvery` columns. */
export function ticksHtml(columns, tickEvery) {
  let ticks = ''
  for (let column = 0; column < columns.length; column += tickEvery) {
    const { revision, timeMs } = columns[column]
    ticks += `<div class="tick" style="--c:${column}"><span class="tick-time">${formatClock(timeMs)}</span><span class="tick-revision">rev ${revision}</span></div>`
  }
  return ticks
}

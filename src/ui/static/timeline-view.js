import { laneKeyOf } from './change-store.js'
import { canvasHtml, lifetimeHtml, markHtml, ticksHtml } from './timeline-html.js'

const TICK_MIN_PX = 110
// room after the newest column for its tick label
const TRACK_END_PX = 72
const STEP_MIN_PX = 4
const STEP_MAX_PX = 48
const STEP_FIT_MIN_PX = 12
const STEP_FIT_MAX_PX = 28

const clamp = (value, min, max) => Math.min(max, Math.max(min, value))

/**
 * The lanes and their marks. A filter change redraws everything as one HTML string; live
 * changes at the end of known lanes are appended, and zooming only sets CSS variables. A mark is
 * an absolutely positioned button (title on hover; roving tabindex and arrow keys for the keyboard).
 */
export class TimelineView {
  #root
  #onSelect
  #layout
  #canvas
  #tracks = new Map()
  #kinds = new Map()
  #stepPx = 16
  #isFitted = true
  #newestShown = Infinity

  /** onSelect(revision): a mark was clicked or reached with the keyboard */
  constructor(root, onSelect) {
    this.#root = root
    this.#onSelect = onSelect
    root.addEventListener('click', (event) => {
      const mark = event.target.closest('.mark')
      if (mark) onSelect(Number(mark.dataset.revision))
    })
    root.addEventListener('keydown', (event) => this.#onKey(event))
  }

  render(layout, selectedRevision) {
    const isFollowing = this.#isFollowing()
    const hadFocus = this.#root.contains(document.activeElement)
    this.#layout = layout
    this.#kinds = new Map(layout.groups.map((group) => [group.resource, group.kind]))
    if (!layout.columns.length) {
      this.#canvas = undefined
      this.#root.innerHTML = '<p class="empty">No changes match these filters.</p>'
      return
    }
    this.#root.innerHTML = canvasHtml(layout, this.#newestShown)
    this.#canvas = this.#root.querySelector('.canvas')
    this.#tracks = new Map([...this.#root.querySelectorAll('.lane')].map((lane) => [lane.dataset.lane, lane.lastElementChild]))
    this.#finishDrawing(isFollowing)
    this.select(selectedRevision, { shouldFocus: hadFocus, shouldScroll: false })
  }

  /** Draws changes (ascending) newer than every column into lanes already shown; false when that takes a redraw. */
  append(changes) {
    const columns = this.#layout?.columns
    if (!this.#canvas || !changes.length) return Boolean(this.#canvas)
    if (changes[0].revision <= columns.at(-1).revision || changes.some((change) => !this.#tracks.has(laneKeyOf(change)))) return false
    const isFollowing = this.#isFollowing()
    for (const change of changes) {
      const column = columns.length
      const timeMs = Math.max(columns.at(-1).timeMs, Number.isFinite(change.timeMs) ? change.timeMs : -Infinity)
      columns.push({ revision: change.revision, timeMs })
      this.#layout.columnOf.set(change.revision, column)
      const track = this.#tracks.get(laneKeyOf(change))
      const openLifetime = [...track.querySelectorAll('.lifetime:not([data-to])')].at(-1)
      if (change.type === 'DELETED' && openLifetime) openLifetime.outerHTML = lifetimeHtml(Number(openLifetime.style.getPropertyValue('--from')), column)
      if (change.type !== 'DELETED' && !openLifetime) track.insertAdjacentHTML('afterbegin', lifetimeHtml(column))
      track.insertAdjacentHTML('beforeend', markHtml({ change, column, timeMs, kind: this.#kinds.get(change.resource), isNew: true }))
    }
    this.#finishDrawing(isFollowing)
    return true
  }

  /** factor > 1 zooms in; undefined fits every change into the width */
  zoom(factor) {
    this.#isFitted = factor === undefined
    if (factor !== undefined) this.#stepPx = clamp(this.#stepPx * factor, STEP_MIN_PX, STEP_MAX_PX)
    if (this.#canvas) this.#finishDrawing(false)
  }

  /** how many changes the timeline shows (all of them, or those the filter lets through) */
  get columnCount() {
    return this.#canvas ? this.#layout.columns.length : 0
  }

  /** Marks one revision as selected without redrawing; returns whether its mark is shown. */
  select(revision, { shouldFocus = false, shouldScroll = true } = {}) {
    for (const mark of this.#root.querySelectorAll('.mark[aria-current], .mark[tabindex="0"]')) {
      mark.removeAttribute('aria-current')
      mark.tabIndex = -1
    }
    this.#root.querySelector('.lane.is-selected')?.classList.remove('is-selected')
    const mark = revision === undefined ? undefined : this.#root.querySelector(`.mark[data-revision="${revision}"]`)
    const focusable = mark ?? this.#root.querySelector('.mark')
    if (focusable) focusable.tabIndex = 0
    if (!mark) return false
    mark.setAttribute('aria-current', 'true')
    mark.closest('.lane').classList.add('is-selected')
    if (shouldFocus) mark.focus({ preventScroll: true })
    if (shouldScroll) mark.scrollIntoView({ block: 'nearest', inline: 'nearest' })
    return true
  }

  // Scale (fitted or zoomed) and axis for the current columns; then keep following the newest.
  #finishDrawing(isFollowing) {
    const columns = this.#layout.columns
    if (this.#isFitted) {
      const labelWidthPx = parseFloat(getComputedStyle(this.#root).getPropertyValue('--label-width')) || 0
      this.#stepPx = clamp((this.#root.clientWidth - labelWidthPx - TRACK_END_PX) / columns.length, STEP_FIT_MIN_PX, STEP_FIT_MAX_PX)
    }
    const tickEvery = Math.ceil(TICK_MIN_PX / this.#stepPx)
    // Every mark reads --step: set it only when it changes, since that restyles them all.
    const style = this.#canvas.style
    for (const [name, px] of [['--step', this.#stepPx], ['--tick', tickEvery * this.#stepPx], ['--track-end', TRACK_END_PX]]) {
      if (style.getPropertyValue(name) !== `${px}px`) style.setProperty(name, `${px}px`)
    }
    style.width = `calc(var(--label-width) + ${columns.length * this.#stepPx + TRACK_END_PX}px)`
    this.#canvas.querySelector('.axis-track').innerHTML = ticksHtml(columns, tickEvery)
    this.#newestShown = columns.at(-1).revision
    if (isFollowing) this.#root.scrollLeft = this.#root.scrollWidth
  }

  #isFollowing() {
    const root = this.#root
    return root.scrollLeft + root.clientWidth >= root.scrollWidth - 8
  }

  // Arrow keys walk the marks: left/right along a lane, up/down to the nearest mark of the next lane.
  #onKey(event) {
    const mark = event.target.closest?.('.mark')
    if (!mark) return
    const target = this.#keyTarget(mark, event.key)
    if (!target) return
    event.preventDefault()
    this.#onSelect(Number(target.dataset.revision))
    target.focus({ preventScroll: true })
  }

  #keyTarget(mark, key) {
    const marks = (lane) => [...lane.querySelectorAll('.mark')]
    const lane = mark.closest('.lane')
    const siblings = marks(lane)
    const index = siblings.indexOf(mark)
    if (key === 'ArrowLeft') return siblings[index - 1]
    if (key === 'ArrowRight') return siblings[index + 1]
    if (key === 'Home') return siblings[0]
    if (key === 'End') return siblings.at(-1)
    if (key !== 'ArrowUp' && key !== 'ArrowDown') return undefined
    const lanes = [...this.#root.querySelectorAll('.lane')]
    const next = lanes[lanes.indexOf(lane) + (key === 'ArrowUp' ? -1 : 1)]
    if (!next) return undefined
    const column = Number(mark.dataset.column)
    return marks(next).reduce((best, m) => (Math.abs(m.dataset.column - column) < Math.abs(best.dataset.column - column) ? m : best))
  }
}

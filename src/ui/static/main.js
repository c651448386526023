import { loadChanges, loadHistory, loadResources } from './api.js'
import { rememberToken, UnauthorizedError } from './credentials.js'
import { ChangeStore, commitTimeOf, laneKeyOf } from './change-store.js'
import { DetailPanel } from './detail-panel.js'
import { matchesLane, readHash, writeHash } from './filter.js'
import { FilterBar } from './filter-bar.js'
import { LiveFeed } from './live-feed.js'
import { layOut } from './timeline-layout.js'
import { TimelineView } from './timeline-view.js'

// Live changes are drawn at most this often, so a burst of writes costs one redraw.
const REDRAW_INTERVAL_MS = 100

const liveState = document.getElementById('live-state')
const summary = document.getElementById('summary')
const view = new TimelineView(document.getElementById('timeline'), (revision) => select(revision))
const panel = new DetailPanel(document.getElementById('detail'), (revision) => select(revision))
const initial = readHash()
const filterBar = new FilterBar(document.getElementById('filters'), initial.filter, () => {
  writeHash(filterBar.filter, selectedRevision)
  redraw()
})
for (const button of document.querySelectorAll('[data-zoom]')) {
  button.addEventListener('click', () => view.zoom({ in: 1.5, out: 1 / 1.5, fit: undefined }[button.dataset.zoom]))
}

let store = new ChangeStore()
let resources = new Map()
let selectedRevision = initial.revision
let compactedRevision = 0
let redrawTimer
let isSelectedStale = false
/** live changes not drawn yet, in arrival order */
let undrawn = []
/** laneKey → Promise of that object's history; dropped when a live change reaches the object */
const histories = new Map()

const kindOf = (change) => resources.get(change.resource)?.kind ?? change.resource

function setLiveState(state, detail) {
  liveState.dataset.state = state
  liveState.textContent = { loading: 'Loading…', connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', error: 'Live (with errors)' }[state]
  liveState.title = detail ?? ''
}

function redraw() {
  clearTimeout(redrawTimer)
  redrawTimer = undefined
  undrawn = []
  filterBar.setOptions(store.lanes.values(), resources)
  view.render(layOut(store, filterBar.filter, resources), selectedRevision)
  afterDrawing()
}

/** Live changes go at the end of their lanes; a new lane or an out-of-order change redraws. */
function drawLive() {
  const visible = undrawn.filter((change) => matchesLane(filterBar.filter, store.lanes.get(laneKeyOf(change))))
  visible.sort((a, b) => a.revision - b.revision)
  if (!view.append(visible)) return redraw()
  redrawTimer = undefined
  undrawn = []
  filterBar.setOptions(store.lanes.values(), resources)
  afterDrawing()
}

function afterDrawing() {
  const shown = view.columnCount === store.changes.length ? '' : `${view.columnCount} of `
  const compacted = compactedRevision ? ` · compacted through ${compactedRevision}` : ''
  summary.textContent = `${shown}${store.changes.length} changes · ${store.lanes.size} objects · revision ${store.newestRevision}${compacted}`
  if (isSelectedStale) void showDetail(selectedRevision, { isRefresh: true })
  isSelectedStale = false
}

function historyOf(change) {
  const key = laneKeyOf(change)
  if (!histories.has(key)) {
    const resource = resources.get(change.resource)
    const loading = resource ? loadHistory(resource, change.namespace, change.name) : Promise.reject(new Error(`unknown resource ${change.resource}`))
    histories.set(key, loading)
    loading.catch(() => histories.delete(key))
  }
  return histories.get(key)
}

function select(revision) {
  selectedRevision = revision
  writeHash(filterBar.filter, revision)
  view.select(revision)
  void showDetail(revision, { isRefresh: false })
}

async function showDetail(revision, { isRefresh }) {
  const change = store.byRevision(revision)
  if (!change) return panel.clear()
  if (!isRefresh) panel.showLoading(change, kindOf(change))
  try {
    const history = await historyOf(change)
    if (selectedRevision === revision) panel.show(change, kindOf(change), history)
  } catch (error) {
    if (selectedRevision === revision) panel.showError(change, kindOf(change), error.message)
  }
}

function onLiveChange(change) {
  if (!store.add(change, Date.now())) return
  undrawn.push(store.byRevision(change.revision))
  const key = laneKeyOf(change)
  histories.delete(key)
  // The selected object changed: its "next revision" button has somewhere to go now.
  const selected = store.byRevision(selectedRevision)
  if (selected && laneKeyOf(selected) === key) isSelectedStale = true
  redrawTimer ??= setTimeout(drawLive, REDRAW_INTERVAL_MS)
}

/** Loads the retained log page by page, draws it, then follows the live feed from where it ended. */
async function start() {
  store = new ChangeStore()
  histories.clear()
  setLiveState('loading')
  try {
    resources = await loadResources()
    const loaded = await loadChanges((page) => {
      for (const change of page.changes) store.add(change, commitTimeOf(change))
      summary.textContent = `Loading… ${store.changes.length} changes`
    })
    compactedRevision = loaded.compactedRevision
    redraw()
    if (selectedRevision !== undefined) select(selectedRevision)
    const feed = new LiveFeed([...resources.values()], loaded.currentRevision, {
      onChange: onLiveChange,
      onState: setLiveState,
      onExpired: () => void start(),
    })
    feed.start()
  } catch (error) {
    setLiveState('error', error.message)
    summary.textContent = `Could not load the timeline: ${error.message}`
    if (error instanceof UnauthorizedError) askForToken()
  }
}

/** Without a client certificate the server wants a token: ask for one, keep it for this tab, load again. */
function askForToken() {
  const form = document.getElementById('sign-in')
  form.hidden = false
  form.elements.token.focus()
  form.onsubmit = (event) => {
    event.preventDefault()
    rememberToken(form.elements.token.value.trim())
    form.reset()
    form.hidden = true
    void start()
  }
}

void start()

import { diffLines } from './diff-lines.js'
import { escapeHtml, formatTimestamp } from './html.js'
import { highlightJson, withoutManagedFields } from './json-view.js'
import { qualifiedName } from './timeline-html.js'

const PLACEHOLDER = '<p class="detail-empty">Select a mark to see the object at that revision and what changed since the one before.</p>'

function factsHtml(entry) {
  const facts = [['Revision', entry.revision], ['Committed', formatTimestamp(Date.parse(entry.committedAt))], ['Verb', entry.verb],
    ['Field manager', entry.fieldManager], ['User', entry.username], ['User agent', entry.userAgent]]
  return `<dl class="facts">${facts.filter(([, value]) => value !== undefined && value !== '')
    .map(([term, value]) => `<div><dt>${term}</dt><dd>${escapeHtml(value)}</dd></div>`).join('')}</dl>`
}

const isManagedFieldsOp = (operation) => operation.path.startsWith('/metadata/managedFields')

function diffHtml(entry, previous, isShowingManagedFields) {
  if (entry.type === 'ADDED') return '<p class="note">Created at this revision: nothing before it to compare with.</p>'
  if (!previous) return '<p class="note">Earlier revisions were compacted: nothing left to compare with.</p>'
  const operations = isShowingManagedFields ? entry.diff : entry.diff.filter((operation) => !isManagedFieldsOp(operation))
  const hidden = entry.diff.length - operations.length
  const hiddenNote = hidden ? `<p class="note">${hidden} managedFields change${hidden === 1 ? '' : 's'} hidden.</p>` : ''
  if (!operations.length) return `<p class="note">${entry.type === 'DELETED' ? 'Deleted at this revision; shown below as it last stood.' : 'Nothing changed but the resourceVersion.'}</p>${hiddenNote}`
  const lines = diffLines(operations, previous.object).map((line) => {
    const before = line.before === undefined ? '' : ` <span class="before">${escapeHtml(line.before)}</span>`
    const arrow = line.before !== undefined && line.after !== undefined ? ' <span class="arrow">→</span>' : ''
    const after = line.after === undefined ? '' : ` <span class="after">${escapeHtml(line.after)}</span>`
    return `<li class="diff-line" data-op="${line.op}"><span class="sign" aria-hidden="true">${line.sign}</span> <code class="path">${escapeHtml(line.path)}</code>${before}${arrow}${after}</li>`
  })
  return `<ul class="diff" aria-label="RFC 6902 operations as lines">${lines.join('')}</ul>${hiddenNote}`
}

/** The selected change: who made it, its diff against the revision before, the object as it then stood. */
export class DetailPanel {
  #root
  #onSelect
  #shown
  #isShowingManagedFields = false

  /** onSelect(revision): the previous/next revision buttons */
  constructor(root, onSelect) {
    this.#root = root
    this.#onSelect = onSelect
    root.innerHTML = PLACEHOLDER
    root.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-revision]')
      if (button) onSelect(Number(button.dataset.revision))
    })
    root.addEventListener('change', (event) => {
      if (event.target.name !== 'managed-fields' || !this.#shown) return
      this.#isShowingManagedFields = event.target.checked
      this.show(...this.#shown)
    })
  }

  clear() {
    this.#shown = undefined
    this.#root.innerHTML = PLACEHOLDER
  }

  showLoading(change, kind) {
    this.#root.innerHTML = `${this.#headingHtml(change, kind)}<p class="note">Loading history…</p>`
  }

  showError(change, kind, message) {
    this.#root.innerHTML = `${this.#headingHtml(change, kind)}<p class="note error">${escapeHtml(message)}</p>`
  }

  /** history: the object's revisions from the history endpoint, oldest first */
  show(change, kind, history) {
    this.#shown = [change, kind, history]
    const index = history.findIndex((entry) => entry.revision === change.revision)
    if (index < 0) return this.showError(change, kind, `Revision ${change.revision} is no longer in the log (compacted).`)
    const entry = history[index]
    const previous = index > 0 && history[index - 1].type !== 'DELETED' ? history[index - 1] : undefined
    const object = this.#isShowingManagedFields ? entry.object : withoutManagedFields(entry.object)
    const checked = this.#isShowingManagedFields ? ' checked' : ''
    this.#root.innerHTML = `${this.#headingHtml(change, kind)}${factsHtml(entry)}${this.#navHtml(history[index - 1], history[index + 1])}
      <section class="detail-section" aria-label="Diff"><h3>${previous ? `Changes since revision ${previous.revision}` : 'Changes'}
        <label class="toggle"><input type="checkbox" name="managed-fields"${checked}> show managedFields</label></h3>${diffHtml(entry, previous, this.#isShowingManagedFields)}</section>
      <section class="detail-section" aria-label="Object"><h3>Object at revision ${entry.revision}</h3>
        <pre class="json">${highlightJson(object)}</pre></section>`
  }

  #headingHtml(change, kind) {
    return `<h2 class="detail-title"><span class="badge" data-type="${change.type}">${change.type}</span> <span class="detail-kind">${escapeHtml(kind)}</span> <span class="detail-name">${escapeHtml(qualifiedName(change))}</span></h2>`
  }

  #navHtml(before, after) {
    const button = (entry, label) => (entry
      ? `<button type="button" data-revision="${entry.revision}">${label.replace('#', entry.revision)}</button>`
      : `<button type="button" disabled>${label.replace('#', '—')}</button>`)
    return `<nav class="detail-nav" aria-label="This object's revisions">${button(before, '← Revision #')}${button(after, 'Revision # →')}</nav>`
  }
}

import { CLUSTER_SCOPED } from './filter.js'
import { escapeHtml } from './html.js'

const NAME_DEBOUNCE_MS = 120

/** options: { allLabel, counts (value → objects), labelOf(value), selected } */
function optionsHtml({ allLabel, counts, labelOf, selected }) {
  const values = [...counts.keys()].sort((a, b) => labelOf(a).localeCompare(labelOf(b)))
  if (selected && !counts.has(selected)) values.unshift(selected)
  const options = values.map((value) => `<option value="${escapeHtml(value)}">${escapeHtml(labelOf(value))} (${counts.get(value) ?? 0})</option>`)
  return `<option value="">${allLabel}</option>${options.join('')}`
}

function countBy(lanes, keyOf) {
  const counts = new Map()
  for (const lane of lanes) counts.set(keyOf(lane), (counts.get(keyOf(lane)) ?? 0) + 1)
  return counts
}

/** The kind and namespace selects (filled from what the log holds) and the name search box. */
export class FilterBar {
  #form
  #signature = ''

  /** onChange(): the filter changed */
  constructor(form, initial, onChange) {
    this.#form = form
    form.elements.name.value = initial.name
    form.elements.kind.dataset.wanted = initial.resource
    form.elements.namespace.dataset.wanted = initial.namespace
    let timer
    form.addEventListener('submit', (event) => event.preventDefault())
    form.addEventListener('change', (event) => event.target.tagName === 'SELECT' && onChange())
    form.addEventListener('input', (event) => {
      if (event.target.name !== 'name') return
      clearTimeout(timer)
      timer = setTimeout(onChange, NAME_DEBOUNCE_MS)
    })
    form.addEventListener('reset', () => setTimeout(onChange))
  }

  get filter() {
    const { kind, namespace, name } = this.#form.elements
    return { resource: kind.value || kind.dataset.wanted || '', namespace: namespace.value || namespace.dataset.wanted || '', name: name.value.trim() }
  }

  /** Offers the kinds and namespaces present, with object counts; keeps the current choice. */
  setOptions(lanes, resources) {
    const all = [...lanes]
    const kinds = countBy(all, (lane) => lane.resource)
    const namespaces = countBy(all, (lane) => lane.namespace || CLUSTER_SCOPED)
    const signature = JSON.stringify([...kinds, ...namespaces])
    if (signature === this.#signature) return
    this.#signature = signature
    const { kind, namespace } = this.#form.elements
    const current = this.filter
    kind.innerHTML = optionsHtml({ allLabel: 'All kinds', counts: kinds, labelOf: (key) => resources.get(key)?.kind ?? key, selected: current.resource })
    namespace.innerHTML = optionsHtml({ allLabel: 'All namespaces', counts: namespaces, labelOf: (ns) => (ns === CLUSTER_SCOPED ? '(cluster-scoped)' : ns), selected: current.namespace })
    kind.value = current.resource
    namespace.value = current.namespace
    delete kind.dataset.wanted
    delete namespace.dataset.wanted
  }
}

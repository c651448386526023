// The changes the page knows, in revision order, and the lanes (one per object) they fall into.

/** A lane's key: one object of one resource type. */
export const laneKeyOf = (change) => `${change.resource}/${change.namespace}/${change.name}`

/**
 * When a change was committed, as well as the change itself tells: `committedAt` if the log
 * carries it, else the newest timestamp in its metadata (managedFields times have second precision).
 */
export function commitTimeOf(change) {
  if (change.committedAt) return Date.parse(change.committedAt)
  const metadata = change.object?.metadata ?? {}
  const stamps = [metadata.creationTimestamp, metadata.deletionTimestamp, ...(metadata.managedFields ?? []).map((f) => f.time)]
  const times = stamps.map((stamp) => Date.parse(stamp)).filter(Number.isFinite)
  return times.length ? Math.max(...times) : NaN
}

export class ChangeStore {
  /** { revision, type, resource, namespace, name, timeMs }, ascending by revision */
  changes = []
  /** laneKey → { key, resource, namespace, name, changes } */
  lanes = new Map()
  #byRevision = new Map()

  /** Adds one change (without its object, to stay small); false if its revision is already known. */
  add(change, timeMs) {
    if (this.#byRevision.has(change.revision)) return false
    const { revision, type, resource, namespace, name } = change
    const entry = { revision, type, resource, namespace, name, timeMs }
    this.#insertSorted(this.changes, entry)
    this.#byRevision.set(revision, entry)
    const key = laneKeyOf(entry)
    let lane = this.lanes.get(key)
    if (!lane) this.lanes.set(key, (lane = { key, resource, namespace, name, changes: [] }))
    this.#insertSorted(lane.changes, entry)
    return true
  }

  byRevision(revision) {
    return this.#byRevision.get(revision)
  }

  get newestRevision() {
    return this.changes.at(-1)?.revision ?? 0
  }

  // Changes arrive in revision order nearly always (pages, then the live feed); append is the fast path.
  #insertSorted(list, entry) {
    if (!list.length || list.at(-1).revision < entry.revision) return void list.push(entry)
    let low = 0
    let high = list.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (list[middle].revision < entry.revision) low = middle + 1
      else high = middle
    }
    list.splice(low, 0, entry)
  }
}

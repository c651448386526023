import { managerIdentifier, type Managed } from './managed-entries.js'

/** kube keeps at most this many Update entries (k8s: managedfields/internal/fieldmanager.go DefaultMaxUpdateManagers). */
export const MAX_UPDATE_MANAGERS = 10

const secondsOf = (time: string | undefined) => (time ? Math.floor(Date.parse(time) / 1000) : 0)

/**
 * Past the cap, the oldest Update entries of each apiVersion are merged into one
 * `ancient-changes` entry (k8s: managedfields/internal/capmanagers.go), oldest first, until the
 * count is back at the cap. Apply entries are never merged.
 */
export function capUpdateManagers(managed: Managed, max = MAX_UPDATE_MANAGERS): Managed {
  const { sets, times } = managed
  const updaters = [...sets].filter(([, entry]) => !entry.applied).map(([id]) => id)
  if (updaters.length <= max) return managed
  updaters.sort((a, b) => secondsOf(times.get(a)) - secondsOf(times.get(b)) || (a < b ? -1 : a > b ? 1 : 0))
  const firstOfVersion = new Map<string, string>()
  let length = updaters.length
  for (let i = 0; i < updaters.length && length > max; i++) {
    const id = updaters[i]!
    const entry = sets.get(id)!
    const first = firstOfVersion.get(entry.apiVersion)
    if (first === undefined) {
      firstOfVersion.set(entry.apiVersion, id)
      continue
    }
    const bucket = managerIdentifier({ manager: 'ancient-changes', operation: 'Update', apiVersion: entry.apiVersion })
    if (!sets.has(bucket)) {
      sets.set(bucket, sets.get(first)!)
      sets.delete(first)
    }
    sets.set(bucket, { ...entry, set: entry.set.union(sets.get(bucket)!.set) })
    sets.delete(id)
    length -= 1
    const time = times.get(id)
    if (time) times.set(bucket, time)
    else times.delete(bucket)
  }
  return managed
}

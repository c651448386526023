// What the filter bar selects, and its round trip through the URL hash (so a view can be shared).

/** The namespace filter's value for cluster-scoped objects (no namespace is named "-"). */
export const CLUSTER_SCOPED = '-'

/** { resource: '' or a resource key, namespace: '' or a namespace or CLUSTER_SCOPED, name: substring } */
export function matchesLane(filter, lane) {
  if (filter.resource && lane.resource !== filter.resource) return false
  if (filter.namespace && (lane.namespace || CLUSTER_SCOPED) !== filter.namespace) return false
  return !filter.name || lane.name.toLowerCase().includes(filter.name.toLowerCase())
}

/** Filter and selected revision from `#kind=apps/deployments&namespace=shop&name=web&revision=42`. */
export function readHash(hash = location.hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const revision = Number(params.get('revision'))
  return {
    filter: { resource: params.get('kind') ?? '', namespace: params.get('namespace') ?? '', name: params.get('name') ?? '' },
    revision: Number.isInteger(revision) && revision > 0 ? revision : undefined,
  }
}

export function writeHash(filter, revision) {
  const params = new URLSearchParams()
  if (filter.resource) params.set('kind', filter.resource)
  if (filter.namespace) params.set('namespace', filter.namespace)
  if (filter.name) params.set('name', filter.name)
  if (revision !== undefined) params.set('revision', String(revision))
  const hash = params.toString()
  history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search)
}

import { authorizationHeaders, UnauthorizedError } from './credentials.js'

// Reads from the server that serves this page. The page lives at <base>/ui/, so the API is at
// <base>/: relative URLs keep working behind a path prefix (a proxy, /as-of/<revision>).
export const apiBase = new URL('..', location.href)

async function getJson(path) {
  const response = await fetch(new URL(path, apiBase), { headers: { accept: 'application/json', ...authorizationHeaders() } })
  const body = await response.json().catch(() => undefined)
  if (response.status === 401) throw new UnauthorizedError(`GET ${path}: ${body?.message ?? 'Unauthorized'}`)
  if (!response.ok) throw new Error(`GET ${path}: ${body?.message ?? response.status}`)
  return body
}

const toResource = (group, version) => (entry) => ({
  key: group ? `${group}/${entry.name}` : entry.name,
  group, version, plural: entry.name, kind: entry.kind, isNamespaced: entry.namespaced,
})

/** Every watchable resource type from discovery, keyed as the change log keys them (`pods`, `apps/deployments`). */
export async function loadResources() {
  const [core, groupList] = await Promise.all([getJson('api/v1'), getJson('apis')])
  const named = await Promise.all(groupList.groups.map(async (group) => {
    const version = group.preferredVersion.version
    return { group: group.name, version, list: await getJson(`apis/${group.name}/${version}`) }
  }))
  const resources = new Map()
  for (const { group, version, list } of [{ group: '', version: 'v1', list: core }, ...named]) {
    for (const entry of list.resources) {
      if (entry.name.includes('/') || !entry.verbs.includes('watch')) continue
      const resource = toResource(group, version)(entry)
      resources.set(resource.key, resource)
    }
  }
  return resources
}

/**
 * The whole retained log, page by page (`next`), each page handed to `onPage` as it arrives.
 * Later pages are pinned to the first page's currentRevision, where the live feed takes over.
 */
export async function loadChanges(onPage) {
  let page = await getJson('watchplane/v1/changes?from=1')
  const upTo = page.currentRevision
  onPage(page)
  while (page.next !== undefined && page.next <= upTo) {
    page = await getJson(`watchplane/v1/changes?from=${page.next}&to=${upTo}`)
    onPage(page)
  }
  return { currentRevision: upTo, compactedRevision: page.compactedRevision }
}

/** Every retained revision of one object, oldest first, each with its RFC 6902 diff. */
export async function loadHistory(resource, namespace, name) {
  const parts = [resource.group || 'core', resource.version, resource.plural, namespace || '_', name].map(encodeURIComponent)
  return (await getJson(`watchplane/v1/history/${parts.join('/')}`)).revisions
}

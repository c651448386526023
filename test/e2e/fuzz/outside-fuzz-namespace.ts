import { request } from '../../support/start-server.js'
import { FUZZ_NAMESPACE } from './fuzz-objects.js'

interface ApiResource {
  name: string
  namespaced: boolean
  verbs: string[]
}

async function resourceListPaths(baseUrl: string): Promise<string[]> {
  const groupVersions = ['/api/v1']
  const groups = (await request(baseUrl, '/apis')).body.groups as Array<{ preferredVersion: { groupVersion: string } }>
  for (const group of groups) groupVersions.push(`/apis/${group.preferredVersion.groupVersion}`)
  const paths: string[] = []
  for (const groupVersion of groupVersions) {
    const resources = (await request(baseUrl, groupVersion)).body.resources as ApiResource[]
    for (const r of resources) if (!r.name.includes('/') && r.verbs.includes('list')) paths.push(`${groupVersion}/${r.name}`)
  }
  return paths
}

/**
 * Every object the server holds outside the fuzz namespace, as `path name` → resourceVersion, by
 * listing every listable resource across all namespaces (cluster-scoped ones included).
 */
export async function objectsOutsideFuzzNamespace(baseUrl: string): Promise<Map<string, string>> {
  const objects = new Map<string, string>()
  for (const path of await resourceListPaths(baseUrl)) {
    const list = await request(baseUrl, path)
    if (list.status !== 200) throw new Error(`listing ${path}: ${list.status} ${list.text.slice(0, 200)}`)
    for (const item of list.body.items as Array<{ metadata: { namespace?: string; name: string; resourceVersion: string } }>) {
      if (item.metadata.namespace === FUZZ_NAMESPACE) continue
      objects.set(`${path} ${item.metadata.namespace ?? ''}/${item.metadata.name}`, item.metadata.resourceVersion)
    }
  }
  return objects
}

/** The log's changes after `afterRevision` that are outside the fuzz namespace (the watchplane change feed). */
export async function changesOutsideFuzzNamespace(baseUrl: string, afterRevision: number): Promise<string[]> {
  const outside: string[] = []
  for (let from: number | undefined = afterRevision + 1; from !== undefined;) {
    const page = await request(baseUrl, `/watchplane/v1/changes?from=${from}`)
    if (page.status !== 200) throw new Error(`change feed: ${page.status} ${page.text.slice(0, 200)}`)
    for (const c of page.body.changes as Array<{ revision: number; type: string; resource: string; namespace: string; name: string }>) {
      if (c.namespace !== FUZZ_NAMESPACE) outside.push(`${c.revision} ${c.type} ${c.resource} ${c.namespace}/${c.name}`)
    }
    from = page.body.next
  }
  return outside
}

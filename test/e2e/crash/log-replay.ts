import { isDeepStrictEqual } from 'node:util'
import { request } from '../../support/start-server.js'

/** One row of the event log, as the change feed serves it. */
export interface LogRow {
  revision: number
  type: 'ADDED' | 'MODIFIED' | 'DELETED'
  resource: string
  namespace: string
  name: string
  object: any
}

export const keyOf = (row: { resource: string; namespace: string; name: string }) => `${row.resource} ${row.namespace}/${row.name}`

/** The whole log, read through watchplane's change feed, page by page. */
export async function readLog(url: string): Promise<LogRow[]> {
  const rows: LogRow[] = []
  for (let from: number | undefined = 1; from !== undefined;) {
    const page = await request(url, `/watchplane/v1/changes?from=${from}`)
    if (page.status !== 200) throw new Error(`change feed: ${page.status} ${page.text.slice(0, 200)}`)
    rows.push(...(page.body.changes as LogRow[]))
    from = page.body.next
  }
  return rows
}

/** The current state the log implies: each key's newest row, unless it deleted the object. */
export function replay(rows: LogRow[]): Map<string, LogRow> {
  const state = new Map<string, LogRow>()
  for (const row of rows) {
    if (row.type === 'DELETED') state.delete(keyOf(row))
    else state.set(keyOf(row), row)
  }
  return state
}

/** Storage key (`pods`, `apps/deployments`) → the path that lists it in every namespace, from discovery. */
export async function listPaths(url: string): Promise<Map<string, string>> {
  const paths = new Map<string, string>()
  const addResources = async (groupVersion: string, group: string) => {
    const resources = (await request(url, groupVersion)).body.resources as Array<{ name: string; verbs: string[] }>
    for (const r of resources) if (!r.name.includes('/') && r.verbs.includes('list')) paths.set(group ? `${group}/${r.name}` : r.name, `${groupVersion}/${r.name}`)
  }
  await addResources('/api/v1', '')
  for (const g of (await request(url, '/apis')).body.groups as Array<{ name: string; preferredVersion: { groupVersion: string } }>) {
    await addResources(`/apis/${g.preferredVersion.groupVersion}`, g.name)
  }
  return paths
}

/** What the server lists (its snapshot, or the state at `atRevision`, read from the log), for every resource the log names. */
export async function listEverything(url: string, resources: Iterable<string>, paths: Map<string, string>, atRevision?: number): Promise<Map<string, any>> {
  const listed = new Map<string, any>()
  const query = atRevision === undefined ? '' : `?resourceVersion=${atRevision}&resourceVersionMatch=Exact`
  for (const resource of resources) {
    const path = paths.get(resource)
    if (!path) throw new Error(`no list path for ${resource}`)
    const list = await request(url, `${path}${query}`)
    if (list.status !== 200) throw new Error(`list ${path}: ${list.status}`)
    for (const item of list.body.items) listed.set(keyOf({ resource, namespace: item.metadata.namespace ?? '', name: item.metadata.name }), item)
  }
  return listed
}

/** Every difference between the replayed log and the listed snapshot: keys, revisions, contents. */
export function differences(replayed: Map<string, LogRow>, listed: Map<string, any>): string[] {
  const problems: string[] = []
  for (const [key, row] of replayed) {
    const item = listed.get(key)
    if (!item) problems.push(`${key}: in the log (revision ${row.revision}), not listed`)
    else if (!isDeepStrictEqual(item, row.object)) problems.push(`${key}: listed at ${item.metadata.resourceVersion}, the log has revision ${row.revision}, or other contents`)
  }
  for (const key of listed.keys()) if (!replayed.has(key)) problems.push(`${key}: listed, not in the log`)
  return problems
}

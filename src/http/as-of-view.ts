import { badRequest, methodNotAllowed } from '../api/errors.js'
import { asRevision, type Revision } from '../api/resource-version.js'
import type { ResourceRequestInfo } from '../api/request-info.js'
import { revisionToApiError } from '../registry/to-api-error.js'
import type { StorageReader } from '../storage/storage.js'

const AS_OF_PATH = /^\/as-of\/([^/]+)(\/.*)?$/

export interface AsOfPath {
  revision: Revision
  /** the path inside the view: /api/v1/pods */
  innerPath: string
}

/**
 * `/as-of/<revision|RFC 3339 time>/…` is the whole API, read-only, as it stood then: point a
 * kubeconfig's server URL at `http://host:port/as-of/1234` and kubectl shows the past. Reads in
 * the view are reads at that revision: a future one is waited for here (504 after a while), and
 * storage refuses a compacted one (410), as for resourceVersionMatch=Exact.
 */
export async function parseAsOfPath(pathname: string, storage: StorageReader): Promise<AsOfPath | undefined> {
  const match = AS_OF_PATH.exec(pathname)
  if (!match) return undefined
  const spec = decodeURIComponent(match[1]!)
  let revision: Revision
  if (/^\d+$/.test(spec)) revision = asRevision(Number(spec))
  else {
    const timeMs = Date.parse(spec)
    if (Number.isNaN(timeMs)) throw badRequest(`as-of: ${JSON.stringify(spec)} is neither a revision nor an RFC 3339 time`)
    revision = await storage.revisionAt(timeMs)
  }
  try {
    await storage.waitForRevision(revision)
  } catch (error) {
    throw revisionToApiError(error)
  }
  return { revision, innerPath: match[2] ?? '/' }
}

const READ_VERBS = new Set<ResourceRequestInfo['verb']>(['get', 'list', 'watch'])

/** The past cannot be changed: writes to the view get 405. */
export function checkReadOnly(info: ResourceRequestInfo): void {
  if (READ_VERBS.has(info.verb)) return
  throw methodNotAllowed(`the as-of view is read-only: ${info.verb} is not allowed on the past`)
}

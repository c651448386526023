import { badRequest, methodNotAllowed } from '../api/errors.js'
import { asRevision, type Revision } from '../api/resource-version.js'
import type { RequestInfo } from '../api/request-info.js'
import { revisionToApiError } from '../registry/to-api-error.js'
import type { StorageReader } from '../storage/storage.js'

const AS_OF_PATH = /^\/as-of\/([^/]+)(\/.*)?$/

export interface AsOfPath {
  /** what follows /as-of/: a revision or an RFC 3339 time, decoded */
  spec: string
  /** the path inside the view: /api/v1/pods */
  innerPath: string
}

/**
 * `/as-of/<revision|RFC 3339 time>/…` is the whole API, read-only, as it stood then: point a
 * kubeconfig's server URL at `https://host:port/as-of/1234` and kubectl shows the past. This only
 * reads the path; the revision is resolved once the request is admitted (resolveAsOf).
 */
export function splitAsOfPath(pathname: string): AsOfPath | undefined {
  const match = AS_OF_PATH.exec(pathname)
  if (!match) return undefined
  let spec: string
  try {
    spec = decodeURIComponent(match[1]!)
  } catch {
    throw badRequest(`as-of: ${JSON.stringify(match[1])} is not a valid path segment`)
  }
  return { spec, innerPath: match[2] ?? '/' }
}

/**
 * The revision the view shows. Reads in the view are reads at that revision: a future one is
 * waited for here (504 after a while), and storage refuses a compacted one (410), as for
 * resourceVersionMatch=Exact.
 */
export async function resolveAsOf(spec: string, storage: StorageReader): Promise<Revision> {
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
  return revision
}

const READ_VERBS = new Set(['get', 'list', 'watch'])

/** The past cannot be changed: writes to the view get 405. */
export function checkReadOnly(info: RequestInfo): void {
  if (!info.isResourceRequest || READ_VERBS.has(info.verb)) return
  throw methodNotAllowed(`the as-of view is read-only: ${info.verb} is not allowed on the past`)
}

import { parseResourceVersion, type Revision } from '../api/resource-version.js'
import type { StorageReader } from '../storage/storage.js'
import type { ContinueToken } from './continue-token.js'

export interface ListVersionRequest {
  resourceVersion?: string
  resourceVersionMatch?: 'Exact' | 'NotOlderThan'
  limit?: number
  continueToken?: ContinueToken
}

/**
 * The revision a list is served at (k8s "API concepts": resourceVersion semantics): undefined for
 * the newest state, which storage reads at a revision it picks. Unset and "0" mean the newest; N
 * means not older than N (the newest, once N is committed), or exactly N with Exact (and, a legacy
 * quirk, with a limit). A revision from the future is waited for (storage times the wait out with
 * RevisionTooNew); a compacted one is refused by the read itself.
 */
export async function resolveListRevision(storage: StorageReader, request: ListVersionRequest): Promise<Revision | undefined> {
  if (request.continueToken) return request.continueToken.revision
  const wanted = parseResourceVersion(request.resourceVersion)
  if (wanted === undefined || wanted === 0) return undefined
  await storage.waitForRevision(wanted)
  const isExact = request.resourceVersionMatch === 'Exact' || (request.resourceVersionMatch === undefined && request.limit !== undefined)
  return isExact ? wanted : undefined
}

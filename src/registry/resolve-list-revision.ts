import { gone, timeout } from '../api/errors.js'
import { parseResourceVersion, type Revision } from '../api/resource-version.js'
import type { Storage } from '../storage/storage.js'
import type { ContinueToken } from './continue-token.js'

export interface ListVersionRequest {
  resource: string
  resourceVersion?: string
  resourceVersionMatch?: 'Exact' | 'NotOlderThan'
  limit?: number
  continueToken?: ContinueToken
}

const TOO_LARGE_WAIT_MS = 3000
const POLL_MS = 25

/** kube waits a little for a resourceVersion from the future, then answers 504 (k8s cacher waitUntilFreshAndBlock). */
export async function waitForRevision(storage: Storage, wanted: Revision): Promise<void> {
  const deadline = Date.now() + TOO_LARGE_WAIT_MS
  while (storage.currentRevision() < wanted) {
    if (Date.now() >= deadline) {
      throw timeout(`Too large resource version: ${wanted}, current: ${storage.currentRevision()}`, [
        { reason: 'ResourceVersionTooLarge', message: 'Too large resource version' },
      ])
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

export const tooOld = (wanted: Revision, compacted: Revision) => gone(`too old resource version: ${wanted} (${compacted})`)

const CONTINUE_TOO_OLD =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.'

/**
 * The revision a list is served at (k8s "API concepts": resourceVersion semantics). Unset and "0"
 * mean now; N means not older than N, or exactly N with Exact (and, a legacy quirk, with a limit).
 */
export async function resolveListRevision(storage: Storage, request: ListVersionRequest): Promise<Revision> {
  if (request.continueToken) {
    const { revision } = request.continueToken
    const isStillReadable = revision > storage.compactedRevision() || storage.lastChangeOf(request.resource) <= revision
    if (!isStillReadable) throw gone(CONTINUE_TOO_OLD)
    return revision
  }
  const wanted = parseResourceVersion(request.resourceVersion)
  if (wanted === undefined || wanted === 0) return storage.currentRevision()
  await waitForRevision(storage, wanted)
  const isExact = request.resourceVersionMatch === 'Exact' || (request.resourceVersionMatch === undefined && request.limit !== undefined)
  if (!isExact) return storage.currentRevision()
  if (wanted < storage.compactedRevision() && storage.lastChangeOf(request.resource) > wanted) {
    throw tooOld(wanted, storage.compactedRevision())
  }
  return wanted
}

/** An exact read at `revision` needs it retained (410 otherwise) and committed (504 after a wait). */
export async function checkRetained(storage: Storage, revision: Revision): Promise<void> {
  if (revision < storage.compactedRevision()) throw tooOld(revision, storage.compactedRevision())
  await waitForRevision(storage, revision)
}

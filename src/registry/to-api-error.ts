import { alreadyExists, conflict, gone, notFound, timeout, type ApiError, type QualifiedResource } from '../api/errors.js'
import { RevisionError, StorageError } from '../storage/errors.js'

// kube's etcd3 store words an expired continue token this way (storage/etcd3/errors.go, continueExpired).
const CONTINUE_TOO_OLD =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.'

/** What was being read when storage refused a revision: a continue token's revision gets its own words. */
export interface ReadContext {
  isContinue?: boolean
}

/**
 * A refused revision in kube-apiserver's words: 410 Expired `too old resource version: R (C)`
 * (cacher/watch_cache.go), or 504 Timeout with cause ResourceVersionTooLarge (storage/errors.go
 * NewTooLargeResourceVersionError). Any other error is returned as it is.
 */
export function revisionToApiError(error: unknown, context: ReadContext = {}): unknown {
  return error instanceof RevisionError ? revisionApiError(error, context) : error
}

function revisionApiError(error: RevisionError, context: ReadContext): ApiError {
  const { requested, compacted, current } = error.revisions
  if (error.kind === 'RevisionTooNew') {
    return timeout(`Too large resource version: ${requested}, current: ${current}`, [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }])
  }
  return gone(context.isContinue ? CONTINUE_TOO_OLD : `too old resource version: ${requested} (${compacted})`)
}

/** StorageError → ApiError, in kube-apiserver's words (k8s storage/errors.go + InterpretXError). */
export function toApiError(error: unknown, resource: QualifiedResource, name: string, context: ReadContext = {}): unknown {
  if (error instanceof RevisionError) return revisionApiError(error, context)
  if (!(error instanceof StorageError)) return error
  switch (error.kind) {
    case 'KeyExists':
      return alreadyExists(resource, name)
    case 'NotFound':
      return notFound(resource, name)
    case 'Conflict':
      return conflict(resource, name, 'the object has been modified; please apply your changes to the latest version and try again')
    case 'Compacted':
    case 'RevisionTooNew':
      // Only RevisionError carries these kinds (handled above).
      return error
  }
}

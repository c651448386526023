import { alreadyExists, conflict, gone, notFound, timeout, type QualifiedResource } from '../api/errors.js'
import { StorageError } from '../storage/errors.js'

/** StorageError → ApiError, in kube-apiserver's words (k8s storage/errors.go + InterpretXError). */
export function toApiError(error: unknown, resource: QualifiedResource, name: string): unknown {
  if (!(error instanceof StorageError)) return error
  switch (error.kind) {
    case 'KeyExists':
      return alreadyExists(resource, name)
    case 'NotFound':
      return notFound(resource, name)
    case 'Conflict':
      return conflict(resource, name, 'the object has been modified; please apply your changes to the latest version and try again')
    case 'Compacted':
      return gone(error.message)
    case 'RevisionTooNew':
      return timeout(error.message, [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }])
  }
}

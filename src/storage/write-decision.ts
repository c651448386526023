import { isDeepStrictEqual } from 'node:util'
import type { Revision } from '../api/resource-version.js'
import type { KubeObject } from '../api/types.js'
import { StorageError } from './errors.js'
import type { StoredObject, Write, WriteOutcome } from './storage.js'

// What a write does to the current state, the same in every Storage implementation and for dry
// runs: each runs it inside its own transaction, on the current row it read there.

function checkPrecondition(write: Write, current: StoredObject | undefined): StorageError | undefined {
  const { precondition: p, key } = write
  if (p.type === 'absent' && current) return new StorageError('KeyExists', 'key exists', key)
  if ((p.type === 'present' || p.type === 'revision') && !current) return new StorageError('NotFound', 'not found', key)
  if (p.type === 'revision' && current && current.revision !== p.revision) {
    return new StorageError('Conflict', 'the object has been modified', key)
  }
  return undefined
}

/** Sets metadata.resourceVersion to the revision and serializes the object: the one stringify of a write. */
export function stampRevision(object: KubeObject, revision: Revision): string {
  object.metadata.resourceVersion = String(revision)
  return JSON.stringify(object)
}

/**
 * A write that changes nothing stores nothing (kube drops no-op updates). Same bytes is the fast
 * answer; a body that only reorders keys has the same length, and only then are values compared.
 */
function isUnchanged(next: KubeObject, current: StoredObject): boolean {
  const json = stampRevision(next, current.revision)
  if (json === current.json) return true
  return json.length === current.json.length && isDeepStrictEqual(JSON.parse(json), JSON.parse(current.json))
}

/** What a write does to the current state: its precondition, its apply(), the no-op check. */
export function decideWrite(write: Write, current: StoredObject | undefined): WriteOutcome {
  const failure = checkPrecondition(write, current)
  if (failure) throw failure
  const outcome = write.apply(current)
  if (outcome.type === 'put' && current && isUnchanged(outcome.object, current)) return { type: 'unchanged' }
  return outcome
}

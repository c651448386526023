import type { Write } from '../../storage/storage.js'
import { StorageError } from '../../storage/errors.js'
import type { RequestScope } from '../request-scope.js'
import { qualifiedResourceOf } from '../object-key.js'
import { toApiError } from '../to-api-error.js'
import type { StoreContext } from '../store-context.js'
import { toDryRunObject, toWrittenObject, type WrittenObject } from './write-response.js'

function checkDryRunPrecondition(write: Write, isPresent: boolean, revision: number | undefined): void {
  const p = write.precondition
  if (p.type === 'absent' && isPresent) throw new StorageError('KeyExists', 'key exists', write.key)
  if ((p.type === 'present' || p.type === 'revision') && !isPresent) throw new StorageError('NotFound', 'not found', write.key)
  if (p.type === 'revision' && revision !== p.revision) throw new StorageError('Conflict', 'modified', write.key)
}

/**
 * Submits a write, or with dryRun=All runs the same computation against the current state
 * without storing or publishing anything. Storage errors come back in kube's words.
 */
export async function runWrite(ctx: StoreContext, scope: RequestScope, write: Write): Promise<WrittenObject> {
  try {
    if (!scope.isDryRun) return toWrittenObject(await ctx.storage.write(write))
    const current = ctx.storage.get(write.key)
    checkDryRunPrecondition(write, current !== undefined, current?.revision)
    const outcome = write.apply(current)
    if (outcome.type === 'unchanged') return toWrittenObject({ unchanged: current! })
    return toDryRunObject(outcome.object)
  } catch (error) {
    throw toApiError(error, qualifiedResourceOf(scope), write.key.name)
  }
}

import { methodNotAllowed } from '../../api/errors.js'
import type { Write } from '../../storage/storage.js'
import type { RequestScope } from '../request-scope.js'
import { qualifiedResourceOf } from '../object-key.js'
import { toApiError } from '../to-api-error.js'
import type { StoreContext } from '../store-context.js'
import { toDryRunObject, toWrittenObject, type WrittenObject } from './write-response.js'

/**
 * Submits a write, or with dryRun=All asks storage what it would do, without storing or
 * publishing anything. Storage errors come back in kube's words.
 */
export async function runWrite(ctx: StoreContext, scope: RequestScope, write: Write): Promise<WrittenObject> {
  const { writer } = ctx
  if (!writer) throw methodNotAllowed(`this server is read-only: ${write.audit.verb} is not allowed`)
  try {
    if (!scope.isDryRun) return toWrittenObject(await writer.write(write))
    const preview = await writer.preview(write)
    if (preview.type === 'unchanged') return toWrittenObject({ unchanged: preview.current! })
    return toDryRunObject(preview.object, preview.current === undefined)
  } catch (error) {
    throw toApiError(error, qualifiedResourceOf(scope), write.key.name)
  }
}

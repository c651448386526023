import { methodNotAllowed } from '../../api/errors.js'
import type { Revision } from '../../api/resource-version.js'
import type { KubeObject } from '../../api/types.js'
import type { Write, WriteOutcome } from '../../storage/storage.js'
import type { RequestScope } from '../request-scope.js'
import { qualifiedResourceOf } from '../object-key.js'
import type { ResourceDefinition } from '../resource-definition.js'
import { toApiError } from '../to-api-error.js'
import type { StoreContext } from '../store-context.js'
import { servedStored, storedObject } from '../version-conversion.js'
import { toDryRunObject, toWrittenObject, type WrittenObject } from './write-response.js'

/**
 * Submits a write, or with dryRun=All asks storage what it would do, without storing or
 * publishing anything. Storage errors come back in kube's words.
 */
export async function runWrite(ctx: StoreContext, scope: RequestScope, write: Write): Promise<WrittenObject> {
  const { writer } = ctx
  if (!writer) throw methodNotAllowed(`this server is read-only: ${write.audit.verb} is not allowed`)
  const { definition } = scope
  // Validation runs inside the write (updates, patches): what it needs is loaded first.
  const prepared = definition.strategy.prepareWrite?.()
  if (prepared) await prepared
  const converted = definition.conversion ? inServedVersion(definition, write) : write
  try {
    if (!scope.isDryRun) {
      const written = servedWritten(definition, toWrittenObject(await writer.write(converted)))
      scope.writtenResourceVersion = written.object.metadata.resourceVersion
      scope.writtenName = written.object.metadata.name
      return written
    }
    const preview = await writer.preview(converted)
    if (preview.type === 'unchanged') return servedWritten(definition, toWrittenObject({ unchanged: preview.current! }))
    return servedWritten(definition, toDryRunObject(preview.object, preview.current === undefined))
  } catch (error) {
    throw toApiError(error, qualifiedResourceOf(scope), write.key.name)
  }
}

/**
 * The verbs compute in the request's version; storage holds the storage version. The current state
 * is handed to `apply` as this version serves it, and what `apply` returns is stored converted back.
 */
function inServedVersion(definition: ResourceDefinition, write: Write): Write {
  return {
    ...write,
    apply: (current) => {
      const outcome: WriteOutcome = write.apply(current && servedStored(definition, current))
      return outcome.type === 'unchanged' ? outcome : { ...outcome, object: storedObject(definition, outcome.object) }
    },
  }
}

/** A write's answer in the request's version. */
function servedWritten(definition: ResourceDefinition, written: WrittenObject): WrittenObject {
  const { conversion } = definition
  const revision = Number(written.object.metadata.resourceVersion ?? 0) as Revision
  if (!conversion || !conversion.altersStoredAt(revision)) return written
  const object = conversion.toServed(structuredClone(written.object) as KubeObject)
  return { ...written, object, json: JSON.stringify(object) }
}

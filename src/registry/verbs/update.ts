import { parseResourceVersion } from '../../api/resource-version.js'
import { keyOf, parseStored } from '../object-key.js'
import { type RequestScope, auditOf } from '../request-scope.js'
import type { StoreContext } from '../store-context.js'
import { checkKind } from './prepare-create.js'
import { prepareUpdate } from './prepare-update.js'
import { runWrite } from './run-write.js'
import { type DecodedBody, type WrittenObject, validationModeOf } from './write-response.js'

/** PUT: replace an object; a resourceVersion in the body is a precondition (409 when stale). */
export async function updateObject(ctx: StoreContext, scope: RequestScope, decoded: DecodedBody): Promise<WrittenObject> {
  const body = decoded.object
  checkKind(scope, body)
  ctx.validateObject({ definition: scope.definition, object: body, json: decoded.json, mode: validationModeOf(decoded, scope.fieldValidation), warnings: scope.warnings })
  const expected = parseResourceVersion(body.metadata.resourceVersion)
  return runWrite(ctx, scope, {
    key: keyOf(scope, scope.name!),
    precondition: expected === undefined ? { type: 'present' } : { type: 'revision', revision: expected },
    apply: (current) => prepareUpdate(ctx, scope, { current: parseStored(current!), proposed: structuredClone(body) }),
    audit: auditOf(scope, 'update'),
  })
}

import type { Status } from '../../api/types.js'
import { strategyFor } from '../../registry/strategies/strategy-for.js'
import { deleteObject, type DeleteOptions } from '../../registry/verbs/delete.js'
import type { HandlerContext } from '../handler-context.js'
import { readBody } from '../middleware/body.js'
import { deleteOptionsFromBody, deleteOptionsFromQuery, validateDeleteOptions } from '../query/delete-options.js'
import { sendJson, sendJsonText } from '../respond.js'

/**
 * DeleteOptions as kube reads them (k8s: apiserver pkg/endpoints/handlers/delete.go): from the body
 * when there is one (kubectl sends `{"propagationPolicy":"Background"}`), else from the query (the
 * python client; client-node sends an empty body), and checked either way. Sets the dry run.
 */
export async function readDeleteOptions(ctx: HandlerContext): Promise<DeleteOptions> {
  const raw = (await readBody(ctx.req, ctx.config.maxBodyBytes)).toString('utf8').trim()
  const options = raw ? deleteOptionsFromBody(raw) : deleteOptionsFromQuery(ctx.query)
  validateDeleteOptions(options)
  ctx.scope.isDryRun = options.dryRun.length > 0
  return options.preconditions ? { preconditions: options.preconditions } : {}
}

export async function handleDelete(ctx: HandlerContext): Promise<void> {
  const options = await readDeleteOptions(ctx)
  const result = await deleteObject(ctx.store, ctx.scope, options)
  // kube answers the object while it still exists (finalizers) or when the kind says so (pods).
  if (!result.isGone || strategyFor(ctx.scope.definition).returnsDeletedObject) {
    return sendJsonText(ctx.res, 200, result.json)
  }
  const { group, plural } = ctx.scope.definition
  const status: Status = {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success',
    details: { name: ctx.scope.name!, ...(group ? { group } : {}), kind: plural, uid: result.object.metadata.uid! },
    code: 200,
  }
  sendJson(ctx.res, 200, status)
}

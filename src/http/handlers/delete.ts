import { badRequest } from '../../api/errors.js'
import type { Status } from '../../api/types.js'
import { deleteObject, type DeleteOptions } from '../../registry/verbs/delete.js'
import type { HandlerContext } from '../handler-context.js'
import { readBody } from '../middleware/body.js'
import { sendJson, sendJsonText } from '../respond.js'

/** DeleteOptions from the body (kubectl sends `{"propagationPolicy":"Background"}`, client-node an empty body). */
export async function readDeleteOptions(ctx: HandlerContext): Promise<DeleteOptions> {
  const raw = (await readBody(ctx.req, ctx.config.maxBodyBytes)).toString('utf8').trim()
  if (!raw) return {}
  try {
    const parsed = JSON.parse(raw) as { preconditions?: DeleteOptions['preconditions']; dryRun?: string[] }
    if (parsed.dryRun?.includes('All')) ctx.scope.isDryRun = true
    return parsed.preconditions ? { preconditions: parsed.preconditions } : {}
  } catch (error) {
    throw badRequest(`error decoding DeleteOptions: ${(error as Error).message}`)
  }
}

export async function handleDelete(ctx: HandlerContext): Promise<void> {
  const options = await readDeleteOptions(ctx)
  const result = await deleteObject(ctx.store, ctx.scope, options)
  // kube answers the object while it still exists (finalizers) or when the kind says so (pods).
  if (!result.isGone || ctx.scope.definition.strategy.returnsDeletedObject) {
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

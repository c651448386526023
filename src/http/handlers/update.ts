import { updateObject } from '../../registry/verbs/update.js'
import { updateScale } from '../../registry/verbs/scale.js'
import type { HandlerContext } from '../handler-context.js'
import { sendJsonText } from '../respond.js'
import { readObjectBody } from './object-body.js'

export async function handleUpdate(ctx: HandlerContext): Promise<void> {
  const decoded = await readObjectBody(ctx)
  if (ctx.scope.subresource === 'scale') {
    const written = await updateScale(ctx.store, ctx.scope, decoded.object)
    return sendJsonText(ctx.res, 200, written.json, ctx.scope.warnings)
  }
  const written = await updateObject(ctx.store, ctx.scope, decoded)
  sendJsonText(ctx.res, 200, written.json, ctx.scope.warnings)
}

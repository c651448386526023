import { methodNotAllowed } from '../../api/errors.js'
import { createObject } from '../../registry/verbs/create.js'
import type { HandlerContext } from '../handler-context.js'
import { sendJsonText } from '../respond.js'
import { readObjectBody } from './object-body.js'

export async function handleCreate(ctx: HandlerContext): Promise<void> {
  if (ctx.info.subresource) throw methodNotAllowed()
  const decoded = await readObjectBody(ctx)
  const written = await createObject(ctx.store, ctx.scope, decoded)
  ctx.log.debug({ name: written.object.metadata.name, resourceVersion: written.object.metadata.resourceVersion }, 'created')
  sendJsonText(ctx.res, 201, written.json, ctx.scope.warnings)
}

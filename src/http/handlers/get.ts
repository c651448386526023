import { getObject } from '../../registry/verbs/get.js'
import { getScale } from '../../registry/verbs/scale.js'
import type { HandlerContext } from '../handler-context.js'
import { sendJsonText } from '../respond.js'
import { negotiatePresentation } from '../table/presentation.js'
import { tableOfOne } from '../table/table-response.js'

export function handleGet(ctx: HandlerContext): void {
  if (ctx.scope.subresource === 'scale') return sendJsonText(ctx.res, 200, getScale(ctx.store, ctx.scope).json)
  const stored = getObject(ctx.store, ctx.scope)
  const presentation = negotiatePresentation(ctx.req.headers.accept, ctx.query)
  if (presentation.type === 'object') return sendJsonText(ctx.res, 200, stored.json)
  sendJsonText(ctx.res, 200, tableOfOne(ctx.scope.definition, stored, presentation.includeObject))
}

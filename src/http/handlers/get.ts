import { queryString } from '../../api/query-params.js'
import { getObject } from '../../registry/verbs/get.js'
import { getScale } from '../../registry/verbs/scale.js'
import type { HandlerContext } from '../handler-context.js'
import { sendJsonText } from '../respond.js'
import { negotiatePresentation } from '../table/presentation.js'
import { tableOfOne } from '../table/table-response.js'

export async function handleGet(ctx: HandlerContext): Promise<void> {
  if (ctx.scope.subresource === 'scale') return sendJsonText(ctx.res, 200, (await getScale(ctx.store, ctx.scope)).json)
  const match = queryString(ctx.query, 'resourceVersionMatch')
  const resourceVersion = queryString(ctx.query, 'resourceVersion')
  const stored = await getObject(ctx.store, ctx.scope, {
    ...(resourceVersion ? { resourceVersion } : {}),
    ...(match === 'Exact' || match === 'NotOlderThan' ? { resourceVersionMatch: match } : {}),
  })
  const presentation = negotiatePresentation(ctx.req.headers.accept, ctx.query)
  if (presentation.type === 'object') return sendJsonText(ctx.res, 200, stored.json)
  sendJsonText(ctx.res, 200, tableOfOne(ctx.scope.definition, stored, presentation.includeObject))
}

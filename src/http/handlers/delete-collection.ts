import { buildObjectFilter } from '../../registry/build-object-filter.js'
import { apiVersionOf } from '../../registry/resource-definition.js'
import { deleteCollection } from '../../registry/verbs/delete-collection.js'
import type { HandlerContext } from '../handler-context.js'
import { parseListOptions } from '../query/list-options.js'
import { objectListFraming } from '../list-framing.js'
import { sendJsonText } from '../respond.js'
import { readDeleteOptions } from './delete.js'

/** DELETE on a collection: answers the list of what was deleted, as kube does. */
export async function handleDeleteCollection(ctx: HandlerContext): Promise<void> {
  const options = parseListOptions(ctx.query, false)
  const filter = buildObjectFilter(ctx.scope.definition, options.labelSelector, options.fieldSelector)
  const deleteOptions = await readDeleteOptions(ctx)
  const results = await deleteCollection(ctx.store, ctx.scope, { filter }, deleteOptions)
  const framing = objectListFraming(ctx.scope.definition.kind, apiVersionOf(ctx.scope.definition))
  const head = framing.head(String(ctx.store.storage.currentRevision()), undefined)
  sendJsonText(ctx.res, 200, head + results.map((r) => r.json).join(',') + framing.tail)
}

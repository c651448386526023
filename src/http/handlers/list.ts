import type { ServerResponse } from 'node:http'
import { buildObjectFilter } from '../../registry/build-object-filter.js'
import { apiVersionOf } from '../../registry/resource-definition.js'
import { listObjects, type ListedPage, type ListPlan } from '../../registry/verbs/list.js'
import { objectListFraming, type ListFraming } from '../list-framing.js'
import type { HandlerContext } from '../handler-context.js'
import { parseListOptions } from '../query/list-options.js'
import { negotiatePresentation } from '../table/presentation.js'
import { tableListWriter } from '../table/table-response.js'

// A client that leaves mid-list never drains: 'close' ends the wait too, so the handler never hangs.
const waitForDrain = (res: ServerResponse) =>
  new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.once('drain', done)
    res.once('close', done)
  })

async function readWhole<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const whole: T[] = []
  for await (const page of pages) whole.push(page)
  return whole
}

/** A page's items: joined pages as storage read them, others item by item. */
const itemsOf = (page: ListedPage, framing: ListFraming): string | Buffer =>
  Array.isArray(page) ? page.map(framing.item).join(',') : page.json

/** LIST: streamed page by page with backpressure, so memory does not grow with the list. */
export async function handleList(ctx: HandlerContext): Promise<void> {
  const options = parseListOptions(ctx.query, false)
  const filter = buildObjectFilter(ctx.scope.definition, options.labelSelector, options.fieldSelector)
  const query = { filter, ...options }
  const presentation = negotiatePresentation(ctx.req.headers.accept, ctx.query)
  // Objects are written as stored, so storage may hand over whole pages joined; a Table needs each row.
  const plan: ListPlan<ListedPage> = presentation.type === 'table'
    ? await listObjects(ctx.store, ctx.scope, query)
    : await listObjects(ctx.store, ctx.scope, { ...query, shouldJoin: true })
  const framing = presentation.type === 'table'
    ? tableListWriter(ctx.scope.definition, presentation.includeObject)
    : objectListFraming(ctx.scope.definition.kind, apiVersionOf(ctx.scope.definition))
  // A limited list is bounded: read it whole so its continue token can lead the response.
  const pages = options.limit === undefined ? plan.pages : await readWhole(plan.pages)
  const { res } = ctx
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' })
  let isFirst = true
  res.write(framing.head(String(plan.revision), plan.continue()))
  for await (const page of pages) {
    // Writes in one tick leave in one writev: node corks the socket until the next tick.
    if (!isFirst) res.write(',')
    isFirst = false
    if (!res.write(itemsOf(page, framing))) await waitForDrain(res)
    if (res.destroyed) return
  }
  res.end(framing.tail)
}

import type { Revision } from '../../api/resource-version.js'
import type { KubeObject } from '../../api/types.js'
import type { JoinedObjects, ListPage, StoredObject } from '../../storage/storage.js'
import { encodeContinue, type ContinueToken } from '../continue-token.js'
import type { ObjectFilter } from '../object-filter.js'
import type { RequestScope } from '../request-scope.js'
import { qualifiedResourceOf } from '../object-key.js'
import { resolveListRevision } from '../resolve-list-revision.js'
import type { StoreContext } from '../store-context.js'
import { toApiError } from '../to-api-error.js'
import type { ResourceDefinition } from '../resource-definition.js'
import { servedStored } from '../version-conversion.js'

export interface ListQuery {
  filter: ObjectFilter
  /** at most this many items; undefined streams them all */
  limit?: number
  continueToken?: ContinueToken
  resourceVersion?: string
  resourceVersionMatch?: 'Exact' | 'NotOlderThan'
  /** the caller writes stored JSON as it is: pages may come joined by storage (ListedPage) */
  shouldJoin?: boolean
}

/** One listed object: its stored JSON, and its parsed form when a filter already needed it. */
export interface ListedObject {
  stored: StoredObject
  object?: KubeObject
}

/**
 * A page of a list: its objects one by one, or, for a list served as stored with no selector
 * when the query allowed it (`shouldJoin`), their stored JSON joined by storage.
 */
export type ListedPage = ListedObject[] | JoinedObjects

export interface ListPlan<Page extends ListedPage = ListedObject[]> {
  revision: Revision
  /** pages of selected objects, read lazily so a huge list never sits in memory */
  pages: AsyncGenerator<Page>
  /** set once `pages` is exhausted, when a limit cut the list short */
  continue(): string | undefined
}

const PAGE_ROWS = 500

interface CursorRequest {
  /** the listed version: its storage resource, and how it serves stored objects */
  definition: ResourceDefinition
  namespace: string | undefined
  query: ListQuery
  /** undefined: the newest state; the first page fixes the revision */
  atRevision: Revision | undefined
  translate(error: unknown): unknown
}

/** Reads one list at one revision, page by page, selecting objects and counting them toward the limit. */
class ListCursor {
  revision: Revision | undefined
  continueToken: string | undefined
  isDone = false
  #after: { namespace: string; name: string } | undefined
  #remaining: number
  readonly #isJoinable: boolean

  constructor(private readonly ctx: StoreContext, private readonly request: CursorRequest) {
    this.revision = request.atRevision
    const { query, definition } = request
    const token = query.continueToken
    this.#after = token && { namespace: token.namespace, name: token.name }
    this.#remaining = query.limit ?? Infinity
    this.#isJoinable = query.shouldJoin === true && query.filter.isEmpty && !definition.conversion
  }

  async next(): Promise<ListedPage> {
    // A joined page stops at the limit and says itself whether more follow. Objects read one row
    // beyond it instead, to tell whether a continue token is needed; storage may answer a joined
    // request with objects (a page read from the log), which the same loop handles.
    const shouldJoin = this.#isJoinable && this.#remaining > 0
    const { filter } = this.request.query
    const wanted = shouldJoin ? Math.min(PAGE_ROWS, this.#remaining) : filter.isEmpty ? Math.min(PAGE_ROWS, this.#remaining + 1) : PAGE_ROWS
    const page = await this.#read(wanted, shouldJoin)
    this.revision = page.revision
    if (page.joined) return this.#takeJoined(page.joined)
    const selected: ListedObject[] = []
    for (const stored of page.objects) {
      if (this.#remaining === 0) {
        this.continueToken = encodeContinue({ revision: page.revision, ...this.#after! })
        break
      }
      this.#after = { namespace: stored.key.namespace, name: stored.key.name }
      const listed = select(this.request.definition, filter, stored)
      if (!listed) continue
      selected.push(listed)
      this.#remaining -= 1
    }
    this.isDone = page.objects.length < wanted || this.continueToken !== undefined
    return selected
  }

  #takeJoined(joined: JoinedObjects): JoinedObjects {
    this.#remaining -= joined.count
    this.#after = joined.continueAfter
    if (this.#after && this.#remaining === 0) this.continueToken = encodeContinue({ revision: this.revision!, ...this.#after })
    this.isDone = !this.#after || this.continueToken !== undefined
    return joined
  }

  async #read(limit: number, shouldJoin: boolean): Promise<ListPage> {
    const { definition, namespace } = this.request
    try {
      return await this.ctx.storage.list({
        resource: definition.storageResource, limit, shouldJoin,
        ...(namespace === undefined ? {} : { namespace }),
        ...(this.revision === undefined ? {} : { atRevision: this.revision }),
        ...(this.#after === undefined ? {} : { after: this.#after }),
      })
    } catch (error) {
      throw this.request.translate(error)
    }
  }
}

/** LIST: the objects selected at one revision, in key order, paginated. */
export async function listObjects(ctx: StoreContext, scope: RequestScope, query: ListQuery & { shouldJoin: true }): Promise<ListPlan<ListedPage>>
export async function listObjects(ctx: StoreContext, scope: RequestScope, query: ListQuery & { shouldJoin?: false }): Promise<ListPlan>
export async function listObjects(ctx: StoreContext, scope: RequestScope, query: ListQuery): Promise<ListPlan<ListedPage>> {
  // Storage refuses a revision it cannot read; kube words that one way for continue tokens, another otherwise.
  const translate = (error: unknown) => toApiError(error, qualifiedResourceOf(scope), '', { isContinue: query.continueToken !== undefined })
  let atRevision: Revision | undefined
  try {
    atRevision = scope.asOf ?? (await resolveListRevision(ctx.storage, query))
  } catch (error) {
    throw translate(error)
  }
  const namespace = scope.definition.isNamespaced && scope.namespace ? scope.namespace : undefined
  const cursor = new ListCursor(ctx, { definition: scope.definition, namespace, query, atRevision, translate })
  // The first page is read now: it fixes the revision (the newest one storage read, unless one
  // was asked for), and a refused revision is answered with its Status before any byte is sent.
  const first = await cursor.next()
  async function* pages(): AsyncGenerator<ListedPage> {
    for (let page = first; ; page = await cursor.next()) {
      if (!Array.isArray(page) || page.length) yield page
      if (cursor.isDone) return
    }
  }
  return { revision: cursor.revision!, pages: pages(), continue: () => cursor.continueToken }
}

/** A row the filter selects, as the listed version serves it (filters read stored objects: build-object-filter.ts). */
function select(definition: ResourceDefinition, filter: ObjectFilter, stored: StoredObject): ListedObject | undefined {
  if (filter.isEmpty) return { stored: servedStored(definition, stored) }
  const object = JSON.parse(stored.json) as KubeObject
  if (!filter.matches(object)) return undefined
  const { conversion } = definition
  if (!conversion || !conversion.altersStoredAt(stored.revision)) return { stored, object }
  const served = conversion.toServed(object)
  return { stored: { ...stored, json: JSON.stringify(served) }, object: served }
}

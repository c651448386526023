import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Write } from '../../storage/storage.js'
import { decodeContinue } from '../continue-token.js'
import { MATCH_ALL } from '../object-filter.js'
import { rbacStoreContext } from '../rbac/rbac-store-context.fixture.js'
import type { RequestScope } from '../request-scope.js'
import type { StoreContext } from '../store-context.js'
import { listObjects, type ListedPage, type ListQuery } from './list.js'

// More objects than one storage page (500 rows), so that limits fall before, on and after page ends.
const COUNT = 1203

const configMap = (name: string): Write => ({
  key: { resource: 'configmaps', namespace: 'default', name },
  precondition: { type: 'absent' },
  apply: () => ({ type: 'put', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { n: name } } }),
  audit: { verb: 'create' },
})

async function setUp(): Promise<{ ctx: StoreContext; scope: RequestScope; close(): Promise<void> }> {
  const { ctx, registry, storage } = await rbacStoreContext(['default'])
  await Promise.all(Array.from({ length: COUNT }, (_, i) => storage.write(configMap(`cm-${String(i).padStart(4, '0')}`))))
  const scope: RequestScope = { definition: registry.find('', 'v1', 'configmaps')!, namespace: 'default', isDryRun: false, fieldValidation: 'Strict', warnings: [] }
  return { ctx, scope, close: () => storage.close() }
}

const itemsOf = (page: ListedPage) => (Array.isArray(page) ? page.map((listed) => listed.stored.json) : JSON.parse(`[${page.json.toString('utf8')}]`).map((o: unknown) => JSON.stringify(o)))

/** One response: its items' JSON and its continue token, read joined or object by object. */
async function respond(ctx: StoreContext, scope: RequestScope, query: ListQuery & { shouldJoin?: false }, shouldJoin: boolean) {
  const plan = shouldJoin ? await listObjects(ctx, scope, { ...query, shouldJoin }) : await listObjects(ctx, scope, query)
  const items: string[] = []
  for await (const page of plan.pages) items.push(...itemsOf(page))
  return { revision: plan.revision, items, token: plan.continue() }
}

/** A whole paginated list, following continue tokens, as a client does; `between` runs after the first response. */
async function paginate(ctx: StoreContext, scope: RequestScope, options: { limit?: number; shouldJoin: boolean; between?(): Promise<void> }) {
  const responses: Array<{ count: number; token?: string }> = []
  const items: string[] = []
  let token: string | undefined
  do {
    const query = { filter: MATCH_ALL, ...(options.limit === undefined ? {} : { limit: options.limit }), ...(token ? { continueToken: decodeContinue(token) } : {}) }
    const response = await respond(ctx, scope, query, options.shouldJoin)
    if (responses.length === 0) await options.between?.()
    responses.push({ count: response.items.length, ...(response.token ? { token: response.token } : {}) })
    items.push(...response.items)
    token = response.token
  } while (token)
  return { responses, items }
}

const cases = [
  { name: 'no limit', limit: undefined, wantCounts: [COUNT] },
  { name: 'a limit inside the first storage page', limit: 300, wantCounts: [300, 300, 300, 300, 3] },
  { name: 'a limit one short of a storage page', limit: 499, wantCounts: [499, 499, 205] },
  { name: 'a limit of exactly one storage page', limit: 500, wantCounts: [500, 500, 203] },
  { name: 'a limit one past a storage page', limit: 501, wantCounts: [501, 501, 201] },
  { name: 'a limit of exactly every object', limit: COUNT, wantCounts: [COUNT] },
  { name: 'a limit beyond every object', limit: COUNT + 1, wantCounts: [COUNT] },
]

let listed: Awaited<ReturnType<typeof setUp>>
before(async () => {
  listed = await setUp()
})
after(() => listed.close())

for (const c of cases) {
  test(`a list read as joined pages answers what one read object by object does: ${c.name}`, async () => {
    const { ctx, scope } = listed
    const joined = await paginate(ctx, scope, { limit: c.limit, shouldJoin: true })
    const objects = await paginate(ctx, scope, { limit: c.limit, shouldJoin: false })
    assert.deepEqual(joined.responses.map((r) => r.count), c.wantCounts)
    assert.deepEqual(joined, objects)
    assert.equal(new Set(joined.items).size, COUNT)
  })
}

test('pages after a write come from the log as objects, and the joined list still shows its first revision', async () => {
  const { ctx, scope, close } = await setUp()
  const between = async () => {
    await ctx.writer!.write(configMap('cm-0000-late'))
  }
  const joined = await paginate(ctx, scope, { limit: 400, shouldJoin: true, between })
  assert.deepEqual(joined.responses.map((r) => r.count), [400, 400, 400, 3])
  const names = joined.items.map((json) => (JSON.parse(json) as { metadata: { name: string } }).metadata.name)
  assert.deepEqual(names, Array.from({ length: COUNT }, (_, i) => `cm-${String(i).padStart(4, '0')}`))
  assert.equal(new Set(joined.responses.flatMap((r) => (r.token ? [decodeContinue(r.token).revision] : []))).size, 1)
  await close()
})

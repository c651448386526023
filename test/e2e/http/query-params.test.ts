import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RunningWatchplane } from '../../../src/start-watchplane.js'
import { eventually } from '../../support/eventually.js'
import { request, startServer } from '../../support/start-server.js'
import { openChunkedWatch, type ChunkedWatch } from '../watch/chunked-watch.js'

// Query parameters over HTTP, answered as kube-apiserver 1.32 answers them: booleans by
// Convert_Slice_string_To_bool (apimachinery pkg/runtime/conversion.go), numbers by strconv.ParseInt
// (a 400 carrying its message), options checked by apimachinery pkg/apis/meta/v1/validation.

const NS = 'params'
const CONFIGMAPS = `/api/v1/namespaces/${NS}/configmaps`
const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io'

describe('query parameters as kube-apiserver parses them', () => {
  let server: RunningWatchplane
  const watches: ChunkedWatch[] = []

  before(async () => {
    server = await startServer()
    await request(server.url, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: NS } } })
    for (const name of ['a', 'b']) await request(server.url, CONFIGMAPS, { method: 'POST', body: { metadata: { name } } })
  })
  after(async () => {
    for (const watch of watches) watch.close()
    await server.close()
  })

  async function watch(query: string): Promise<ChunkedWatch> {
    const opened = await openChunkedWatch(server.url, `${CONFIGMAPS}?${query}`)
    watches.push(opened)
    return opened
  }

  // A list answers one JSON document; a watch streams events (ADDED a first, then stays open).
  async function answerKind(query: string): Promise<'list' | 'watch'> {
    const response = await fetch(`${server.url}${CONFIGMAPS}?${query}`)
    assert.equal(response.status, 200)
    const reader = response.body!.getReader()
    let text = ''
    for (;;) {
      const { value, done } = await reader.read()
      if (value) text += Buffer.from(value).toString('utf8')
      if (done || text.includes('\n')) break
    }
    await reader.cancel()
    const first = JSON.parse(text.split('\n')[0]!)
    if (first.kind === 'ConfigMapList') return 'list'
    assert.equal(first.type, 'ADDED', text)
    return 'watch'
  }

  const watchValues = [
    { query: 'watch=True', want: 'watch' }, { query: 'watch=true', want: 'watch' }, { query: 'watch=1', want: 'watch' },
    { query: 'watch=', want: 'watch' }, { query: 'watch=yes', want: 'watch' }, { query: 'watch', want: 'watch' },
    { query: 'watch=False', want: 'list' }, { query: 'watch=false', want: 'list' }, { query: 'watch=FALSE', want: 'list' },
    { query: 'watch=0', want: 'list' }, { query: 'watch=false&watch=true', want: 'list' }, { query: 'limit=5', want: 'list' },
  ] as const
  for (const c of watchValues) {
    test(`?${c.query} answers a ${c.want}`, async () => assert.equal(await answerKind(c.query), c.want))
  }

  test('sendInitialEvents=True and allowWatchBookmarks=True: a streaming list ending in its bookmark', async () => {
    const stream = await watch('watch=True&sendInitialEvents=True&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=True')
    await eventually(() => assert.equal(stream.events.at(-1)?.type, 'BOOKMARK'))
    // Every namespace holds kube-root-ca.crt besides a and b.
    assert.deepEqual(stream.events.map((e) => `${e.type} ${e.object.metadata.name ?? ''}`), ['ADDED a', 'ADDED b', 'ADDED kube-root-ca.crt', 'BOOKMARK '])
    assert.equal(stream.events.at(-1)!.object.metadata.annotations['k8s.io/initial-events-end'], 'true')
  })

  test('sendInitialEvents=FALSE from a resourceVersion: no initial state, only what comes after', async () => {
    const from = (await request(server.url, CONFIGMAPS)).body.metadata.resourceVersion
    const stream = await watch(`watch=1&sendInitialEvents=FALSE&resourceVersionMatch=NotOlderThan&resourceVersion=${from}`)
    await request(server.url, CONFIGMAPS, { method: 'POST', body: { metadata: { name: 'after-false' } } })
    await eventually(() => assert.deepEqual(stream.events.map((e) => `${e.type} ${e.object.metadata.name}`), ['ADDED after-false']))
  })

  test('timeoutSeconds: negative has already passed (200, the stream ends at once); 0 and past a Node timer never fire', async () => {
    const past = await watch('watch=1&timeoutSeconds=-1')
    assert.equal(past.status, 200)
    await eventually(() => assert.ok(past.isEnded()), { timeoutMs: 2000 })
    const zero = await watch('watch=1&timeoutSeconds=0')
    const huge = await watch('watch=1&timeoutSeconds=99999999999')
    await request(server.url, CONFIGMAPS, { method: 'POST', body: { metadata: { name: 'after-timeouts' } } })
    for (const open of [zero, huge]) {
      await eventually(() => assert.ok(open.events.some((e) => e.object.metadata.name === 'after-timeouts')))
      assert.ok(!open.isEnded(), 'still open after the initial state and a live event')
    }
  })

  const badNumbers = [
    { query: 'watch=1&timeoutSeconds=abc', message: 'strconv.ParseInt: parsing "abc": invalid syntax' },
    { query: 'watch=1&timeoutSeconds=9223372036854775808', message: 'strconv.ParseInt: parsing "9223372036854775808": value out of range' },
    { query: 'limit=abc', message: 'strconv.ParseInt: parsing "abc": invalid syntax' },
    { query: 'limit=', message: 'strconv.ParseInt: parsing "": invalid syntax' },
    { query: 'limit=1.5', message: 'strconv.ParseInt: parsing "1.5": invalid syntax' },
  ]
  for (const c of badNumbers) {
    test(`?${c.query} → 400 ${c.message}`, async () => {
      const answer = await request(server.url, `${CONFIGMAPS}?${c.query}`)
      assert.equal(answer.status, 400, answer.text)
      assert.deepEqual([answer.body.reason, answer.body.message], ['BadRequest', c.message])
    })
  }

  test('limit: a negative one lists everything unpaged; +1 pages', async () => {
    const all = await request(server.url, `${CONFIGMAPS}?limit=-1`)
    assert.equal(all.status, 200)
    assert.ok(all.body.items.length >= 2 && !all.body.metadata.continue)
    const paged = await request(server.url, `${CONFIGMAPS}?limit=%2B1`)
    assert.equal(paged.body.items.length, 1)
    assert.ok(paged.body.metadata.continue)
  })

  test('dryRun=All on a create stores nothing; dryRun=all is 422; reads ignore dryRun and fieldValidation', async () => {
    const dry = await request(server.url, `${CONFIGMAPS}?dryRun=All`, { method: 'POST', body: { metadata: { name: 'dry' } } })
    assert.equal(dry.status, 201, dry.text)
    assert.equal((await request(server.url, `${CONFIGMAPS}/dry`)).status, 404)
    const odd = await request(server.url, `${CONFIGMAPS}?dryRun=all`, { method: 'POST', body: { metadata: { name: 'dry' } } })
    assert.equal(odd.status, 422)
    assert.equal(odd.body.message, 'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["all"]: supported values: "All"')
    assert.deepEqual(odd.body.details, {
      group: 'meta.k8s.io', kind: 'CreateOptions',
      causes: [{ reason: 'FieldValueNotSupported', message: 'Unsupported value: ["all"]: supported values: "All"', field: 'dryRun' }],
    })
    for (const path of [`${CONFIGMAPS}?dryRun=bogus&fieldValidation=bogus`, `${CONFIGMAPS}/a?dryRun=bogus&fieldValidation=bogus`]) {
      assert.equal((await request(server.url, path)).status, 200, path)
    }
  })

  test('write options are checked together, each in kube\'s words', async () => {
    const answer = await request(server.url, `${CONFIGMAPS}?fieldManager=${'m'.repeat(129)}&fieldValidation=strict`, { method: 'POST', body: { metadata: { name: 'x' } } })
    assert.equal(answer.status, 422)
    assert.equal(answer.body.message, 'CreateOptions.meta.k8s.io "" is invalid: [fieldManager: Too long: may not be more than 128 bytes, '
      + 'fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"]')
    const forced = await request(server.url, `${CONFIGMAPS}/a?force=true`, { method: 'PATCH', body: { data: { k: 'v' } }, contentType: 'application/merge-patch+json' })
    assert.equal(forced.status, 422)
    assert.equal(forced.body.message, 'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch')
    // `force` is a *bool read by Convert_Slice_string_To_Pointer_bool: `yes` is true, not strconv.ParseBool's 400.
    const applied = await request(server.url, `${CONFIGMAPS}/applied?fieldManager=m&force=yes`, {
      method: 'PATCH', contentType: 'application/apply-patch+yaml', rawBody: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: applied}\n',
    })
    assert.equal(applied.status, 201, applied.text)
  })

  test('DELETE options come from the query when the body is empty, and from the body otherwise', async () => {
    await request(server.url, CONFIGMAPS, { method: 'POST', body: { metadata: { name: 'doomed' } } })
    const badPolicy = await request(server.url, `${CONFIGMAPS}/doomed?propagationPolicy=Sideways`, { method: 'DELETE' })
    assert.equal(badPolicy.status, 422)
    assert.equal(badPolicy.body.message, 'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Sideways": supported values: "Foreground", "Background", "Orphan", "nil"')
    const badGrace = await request(server.url, `${CONFIGMAPS}/doomed?gracePeriodSeconds=soon`, { method: 'DELETE' })
    assert.deepEqual([badGrace.status, badGrace.body.message], [400, 'strconv.ParseInt: parsing "soon": invalid syntax'])
    const dry = await request(server.url, `${CONFIGMAPS}/doomed?dryRun=All&gracePeriodSeconds=0`, { method: 'DELETE' })
    assert.equal(dry.status, 200, dry.text)
    assert.equal((await request(server.url, `${CONFIGMAPS}/doomed`)).status, 200, 'a dry-run delete deletes nothing')
    // With a body, kube reads DeleteOptions from it alone: the query's odd policy is never looked at.
    const withBody = await request(server.url, `${CONFIGMAPS}/doomed?propagationPolicy=Sideways`, { method: 'DELETE', body: { propagationPolicy: 'Background' } })
    assert.equal(withBody.status, 200, withBody.text)
    assert.equal((await request(server.url, `${CONFIGMAPS}/doomed`)).status, 404)
  })

  test('includeObject is read when a Table is served: an unknown value is kube\'s 400', async () => {
    const table = await request(server.url, `${CONFIGMAPS}?includeObject=None`, { accept: TABLE_ACCEPT })
    assert.equal(table.body.kind, 'Table')
    assert.ok(table.body.rows.every((row: any) => row.object === undefined))
    const bad = await request(server.url, `${CONFIGMAPS}?includeObject=object`, { accept: TABLE_ACCEPT })
    assert.equal(bad.status, 400)
    assert.equal(bad.body.message, "Unable to convert to Table as requested: includeObject: Invalid value: \"object\": must be 'Metadata', 'Object', 'None', or empty")
    assert.equal((await request(server.url, `${CONFIGMAPS}?includeObject=object`)).status, 200, 'ignored without a Table')
  })
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { ApiError } from './errors.js'
import { parseInt64, queryBool, queryInt64, queryOptionalBool, queryString, queryStrings } from './query-params.js'

// Convert_Slice_string_To_bool and its Pointer twin (k8s: apimachinery pkg/runtime/conversion.go):
// only absence, "0" and "false" in any case are false.
const bools = [
  { query: '', want: false, wantOptional: undefined },
  { query: 'watch', want: true, wantOptional: true },
  { query: 'watch=', want: true, wantOptional: true },
  { query: 'watch=true', want: true, wantOptional: true },
  { query: 'watch=True', want: true, wantOptional: true },
  { query: 'watch=TRUE', want: true, wantOptional: true },
  { query: 'watch=1', want: true, wantOptional: true },
  { query: 'watch=yes', want: true, wantOptional: true },
  { query: 'watch=no', want: true, wantOptional: true },
  { query: 'watch=2', want: true, wantOptional: true },
  { query: 'watch=0', want: false, wantOptional: false },
  { query: 'watch=false', want: false, wantOptional: false },
  { query: 'watch=False', want: false, wantOptional: false },
  { query: 'watch=FALSE', want: false, wantOptional: false },
  { query: 'watch=fAlSe', want: false, wantOptional: false },
  { query: 'watch=00', want: true, wantOptional: true },
  { query: 'watch=%20false', want: true, wantOptional: true },
  { query: 'watch=false&watch=true', want: false, wantOptional: false },
  { query: 'watch=true&watch=false', want: true, wantOptional: true },
]
for (const c of bools) {
  test(`bool: ?${c.query} → ${c.want} (pointer: ${c.wantOptional})`, () => {
    const query = new URLSearchParams(c.query)
    assert.equal(queryBool(query, 'watch'), c.want)
    assert.equal(queryOptionalBool(query, 'watch'), c.wantOptional)
  })
}

// strconv.ParseInt(s, 10, 64): Go's own table (go: src/strconv/atoi_test.go parseInt64Tests), plus
// the base-10 syntax cases of its other tables and signs, spaces and underscores.
const ints: Array<{ raw: string; want?: number; error?: 'invalid syntax' | 'value out of range' }> = [
  { raw: '', error: 'invalid syntax' },
  { raw: '0', want: 0 },
  { raw: '-0', want: 0 },
  { raw: '1', want: 1 },
  { raw: '-1', want: -1 },
  { raw: '12345', want: 12345 },
  { raw: '-12345', want: -12345 },
  { raw: '012345', want: 12345 },
  { raw: '-012345', want: -12345 },
  { raw: '98765432100', want: 98765432100 },
  { raw: '-98765432100', want: -98765432100 },
  { raw: '9223372036854775807', want: Number(2n ** 63n - 1n) },
  { raw: '-9223372036854775807', want: -Number(2n ** 63n - 1n) },
  { raw: '9223372036854775808', error: 'value out of range' },
  { raw: '-9223372036854775808', want: -Number(2n ** 63n) },
  { raw: '9223372036854775809', error: 'value out of range' },
  { raw: '-9223372036854775809', error: 'value out of range' },
  { raw: '12345x', error: 'invalid syntax' },
  { raw: '-12345x', error: 'invalid syntax' },
  { raw: '+5', want: 5 },
  { raw: '+', error: 'invalid syntax' },
  { raw: '-', error: 'invalid syntax' },
  { raw: ' 5', error: 'invalid syntax' },
  { raw: '5 ', error: 'invalid syntax' },
  { raw: '1_000', error: 'invalid syntax' },
  { raw: '0x10', error: 'invalid syntax' },
  { raw: '1.5', error: 'invalid syntax' },
  { raw: '1e3', error: 'invalid syntax' },
  { raw: '١٢', error: 'invalid syntax' },
  { raw: '99999999999999999999x', error: 'value out of range' },
]
for (const c of ints) {
  test(`ParseInt(${JSON.stringify(c.raw)}) → ${c.error ?? c.want}`, () => {
    if (c.error === undefined) return assert.equal(parseInt64(c.raw), c.want)
    assert.throws(() => parseInt64(c.raw), (e: ApiError) =>
      e.code === 400 && e.reason === 'BadRequest' && e.message === `strconv.ParseInt: parsing ${JSON.stringify(c.raw)}: ${c.error}`)
  })
}

test('numbers and strings: absent is undefined, only the first value counts', () => {
  const query = new URLSearchParams('limit=5&limit=x&dryRun=All&dryRun=Other&labelSelector=')
  assert.equal(queryInt64(query, 'limit'), 5)
  assert.equal(queryInt64(query, 'timeoutSeconds'), undefined)
  assert.equal(queryString(query, 'labelSelector'), '')
  assert.equal(queryString(query, 'fieldSelector'), undefined)
  assert.deepEqual(queryStrings(query, 'dryRun'), ['All', 'Other'])
  assert.deepEqual(queryStrings(query, 'fieldManager'), [])
})

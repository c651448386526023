import assert from 'node:assert/strict'
import { test } from 'node:test'
import { warningHeaderValue, warningHeaders } from './warning-headers.js'

test('warningHeaderValue escapes the inner quotes kubectl needs escaped', () => {
  assert.equal(warningHeaderValue('unknown field "spec.x"'), '299 - "unknown field \\"spec.x\\""')
})

test('warningHeaders keeps kube recorder rules: deduplicated, control characters left out, UTF-8 bytes', () => {
  assert.deepEqual(warningHeaders(['a', 'b', 'a', '', 'bad\r\nline', 'lone \ud800']), ['299 - "a"', '299 - "b"'])
  assert.deepEqual(warningHeaders(['é']), [Buffer.from('299 - "é"', 'utf8').toString('latin1')])
})

test('warningHeaders cuts every warning to 256 runes past 4096 runes in all, then drops the rest', () => {
  const long = Array.from({ length: 40 }, (_, i) => `${i}:${'x'.repeat(300)}`)
  const headers = warningHeaders(long)
  assert.ok(headers.every((h) => h.length === '299 - ""'.length + 256), 'each cut to 256')
  assert.equal(headers.length, 16, '16 × 256 runes fill 4096')
  assert.deepEqual(warningHeaders(['short', 'x'.repeat(5000)]), ['299 - "short"', `299 - "${'x'.repeat(256)}"`])
})

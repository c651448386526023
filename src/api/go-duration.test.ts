import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseGoDuration } from './go-duration.js'

// Cases and messages from go/src/time/time_test.go (parseDurationTests, parseDurationErrorTests).
test('parseGoDuration reads what Go time.ParseDuration reads', () => {
  assert.equal(parseGoDuration('0'), 0)
  assert.equal(parseGoDuration('5s'), 5000)
  assert.equal(parseGoDuration('300ms'), 300)
  assert.equal(parseGoDuration('-2m3.4s'), -123_400)
  assert.equal(parseGoDuration('1h'), 3_600_000)
  assert.equal(parseGoDuration('1.5µs'), 0.0015)
  assert.equal(parseGoDuration('.5s'), 500)
})

test('parseGoDuration refuses with the words of Go', () => {
  assert.throws(() => parseGoDuration(''), { message: 'time: invalid duration ""' })
  assert.throws(() => parseGoDuration('3'), { message: 'time: missing unit in duration "3"' })
  assert.throws(() => parseGoDuration('1d'), { message: 'time: unknown unit "d" in duration "1d"' })
  assert.throws(() => parseGoDuration('.s'), { message: 'time: invalid duration ".s"' })
  assert.throws(() => parseGoDuration('x'), { message: 'time: invalid duration "x"' })
})

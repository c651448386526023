import assert from 'node:assert/strict'
import { test } from 'node:test'
import { durationString, microTimeJson, normalize, timeJson } from './go-time.js'

// Expected strings from Go's time.Duration.String() (src/time/time.go and its tests).
const durations: [bigint, string][] = [
  [0n, '0s'], [1n, '1ns'], [1_100n, '1.1µs'], [2_200_000n, '2.2ms'], [3_300_000_000n, '3.3s'],
  [60_000_000_000n, '1m0s'], [3_600_000_000_000n, '1h0m0s'], [4_000_000_000n + 5n * 60_000_000_000n, '5m4s'],
  [-5_000_000_000n, '-5s'], [9_223_372_036_854_775_807n, '2562047h47m16.854775807s'],
]
for (const [nanoseconds, want] of durations) test(`Duration ${nanoseconds}ns is ${want}`, () => assert.equal(durationString(nanoseconds), want))

test('Time: RFC 3339 in UTC to the second; the zero Go time is null; years past 9999 are refused', () => {
  assert.equal(timeJson(0), '1970-01-01T00:00:00Z')
  assert.equal(timeJson(1767323045), '2026-01-02T03:04:05Z')
  assert.equal(timeJson(-62135596800), null)
  assert.throws(() => timeJson(253402300800), /year outside of range/)
})

test('MicroTime: six digits; nanoseconds past a second carry, as time.Unix normalizes', () => {
  assert.equal(microTimeJson({ seconds: 1767323045, nanos: 5000 }), '2026-01-02T03:04:05.000005Z')
  assert.equal(microTimeJson(normalize(1767323045, 1_500_000_000)), '2026-01-02T03:04:06.500000Z')
  assert.equal(microTimeJson(normalize(1767323045, -1000)), '2026-01-02T03:04:04.999999Z')
  assert.equal(microTimeJson({ seconds: -62135596800, nanos: 0 }), null)
})

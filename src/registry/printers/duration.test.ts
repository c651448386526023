import assert from 'node:assert/strict'
import { test } from 'node:test'
import { humanDuration, shortHumanDuration, timeSince } from './duration.js'

const s = 1000
const m = 60 * s
const h = 60 * m
const d = 24 * h

const humanCases: Array<[number, string]> = [
  [-3 * s, '<invalid>'], [-1500, '0s'], [0, '0s'], [45 * s, '45s'], [119 * s, '119s'], [2 * m, '2m'],
  [3 * m + 5 * s, '3m5s'], [9 * m + 59 * s, '9m59s'], [12 * m, '12m'], [179 * m, '179m'], [3 * h, '3h'],
  [5 * h + 3 * m, '5h3m'], [8 * h + 30 * m, '8h'], [47 * h, '47h'], [2 * d, '2d'], [3 * d + 4 * h, '3d4h'],
  [8 * d + 5 * h, '8d'], [729 * d, '729d'], [730 * d, '2y'], [747 * d, '2y17d'], [8 * 365 * d, '8y'],
]

for (const [ms, want] of humanCases) {
  test(`humanDuration(${ms}ms) is ${want}`, () => assert.equal(humanDuration(ms), want))
}

const shortCases: Array<[number, string]> = [
  [-5 * s, '<invalid>'], [-1 * s, '0s'], [59 * s, '59s'], [61 * s, '1m'], [59 * m, '59m'], [5 * h + 3 * m, '5h'],
  [3 * d + 4 * h, '3d'], [400 * d, '1y'],
]

for (const [ms, want] of shortCases) {
  test(`shortHumanDuration(${ms}ms) is ${want}`, () => assert.equal(shortHumanDuration(ms), want))
}

test('timeSince humanises an RFC 3339 timestamp and answers <unknown> without one', () => {
  const now = Date.parse('2025-01-01T00:10:00Z')
  assert.equal(timeSince('2025-01-01T00:06:55Z', now), '3m5s')
  assert.equal(timeSince(undefined, now), '<unknown>')
  assert.equal(timeSince('not a time', now), '<unknown>')
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseDuration } from './duration.js'

const cases = [
  { raw: '7d', want: 7 * 86_400_000 },
  { raw: '12h', want: 12 * 3_600_000 },
  { raw: '30m', want: 1_800_000 },
  { raw: '0', want: 0 },
]
for (const c of cases) test(`parseDuration(${c.raw})`, () => assert.equal(parseDuration(c.raw), c.want))
for (const raw of ['7', 'x', '-1d', '1y']) test(`parseDuration(${raw}) is refused`, () => assert.throws(() => parseDuration(raw)))

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { milliValueOf } from './quantity.js'

// Values from k8s.io/apimachinery pkg/api/resource/quantity_test.go, in thousandths.
const cases: Array<[unknown, bigint | undefined]> = [
  ['0', 0n], ['1', 1000n], ['100m', 100n], ['0.5', 500n], ['1.5Gi', 1_610_612_736_000n], ['1Ki', 1_024_000n],
  ['1k', 1_000_000n], ['1M', 1_000_000_000n], ['1e3', 1_000_000n], ['1E-3', 1n], ['1u', 1n], ['1n', 1n], ['-1m', -1n],
  ['.5', 500n], ['5.', 5000n], [2, 2000n], ['8Ei', 9_223_372_036_854_775_808_000n],
  ['', undefined], ['abc', undefined], ['1Kb', undefined], ['.', undefined], [null, undefined],
]
for (const [text, want] of cases) test(`${JSON.stringify(text)} is ${want} thousandths`, () => assert.equal(milliValueOf(text), want))

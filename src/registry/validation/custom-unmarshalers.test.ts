import assert from 'node:assert/strict'
import { test } from 'node:test'
import { intOrStringError, jsonValueKind, quantityError, timeError } from './custom-unmarshalers.js'

const FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"

const cases: Array<{ name: string; check: (v: unknown) => string | undefined; value: unknown; want: string | undefined }> = [
  { name: 'IntOrString takes a string', check: intOrStringError, value: '25%', want: undefined },
  { name: 'IntOrString takes an int32', check: intOrStringError, value: 3, want: undefined },
  { name: 'IntOrString refuses a fraction', check: intOrStringError, value: 1.5, want: 'json: cannot unmarshal number 1.5 into Go value of type int32' },
  { name: 'IntOrString refuses a bool', check: intOrStringError, value: true, want: 'json: cannot unmarshal bool into Go value of type int32' },
  { name: 'Quantity takes 100m', check: quantityError, value: '100m', want: undefined },
  { name: 'Quantity takes 1Gi', check: quantityError, value: '1Gi', want: undefined },
  { name: 'Quantity takes 1e3', check: quantityError, value: '1e3', want: undefined },
  { name: 'Quantity takes a number', check: quantityError, value: 0.5, want: undefined },
  { name: 'Quantity refuses words', check: quantityError, value: 'lots', want: FORMAT },
  { name: 'Quantity refuses a bad suffix', check: quantityError, value: '1Mb', want: FORMAT },
  { name: 'Quantity refuses an unknown suffix', check: quantityError, value: '1iK', want: "unable to parse quantity's suffix" },
  { name: 'Quantity refuses a bool', check: quantityError, value: false, want: FORMAT },
  { name: 'Time takes RFC 3339', check: timeError, value: '2026-01-01T00:00:00Z', want: undefined },
  { name: 'Time takes an offset and fraction', check: timeError, value: '2026-01-01T00:00:00.5+02:00', want: undefined },
  { name: 'Time refuses a number', check: timeError, value: 5, want: 'json: cannot unmarshal number into Go value of type string' },
  {
    name: 'Time refuses a date alone',
    check: timeError,
    value: '2026-01-01',
    want: 'parsing time "2026-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "2026-01-01" as "2006"',
  },
]
for (const c of cases) test(c.name, () => assert.equal(c.check(c.value), c.want))

test('jsonValueKind names values as encoding/json does', () => {
  assert.deepEqual([[], {}, 'x', 1, true].map(jsonValueKind), ['array', 'object', 'string', 'number', 'bool'])
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { ApiError } from '../../api/errors.js'
import { parseFieldValidation } from './field-validation.js'

const cases = [
  { name: 'absent means Warn', raw: undefined, want: 'Warn' },
  { name: 'empty means Warn', raw: '', want: 'Warn' },
  { name: 'Strict', raw: 'Strict', want: 'Strict' },
  { name: 'Ignore', raw: 'Ignore', want: 'Ignore' },
]
for (const c of cases) test(`parseFieldValidation: ${c.name}`, () => assert.equal(parseFieldValidation(c.raw), c.want))

test('anything else is a 422 naming the supported values', () => {
  assert.throws(
    () => parseFieldValidation('strict', 'PatchOptions'),
    (e: ApiError) =>
      e.code === 422 &&
      e.message ===
        'PatchOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"',
  )
})

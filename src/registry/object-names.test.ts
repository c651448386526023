import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type NameRule, validateName } from './object-names.js'

// Messages of apimachinery's name validators (pkg/util/validation, pkg/api/validation/path).
const cases: Array<{ name: string; rule: NameRule; want: string[] }> = [
  { name: 'system:node', rule: 'pathSegment', want: [] },
  { name: 'Upper_case', rule: 'pathSegment', want: [] },
  { name: '..', rule: 'pathSegment', want: ["Invalid value: \"..\": may not be '..'"] },
  { name: 'a/b%c', rule: 'pathSegment', want: ["Invalid value: \"a/b%c\": may not contain '/'", "Invalid value: \"a/b%c\": may not contain '%'"] },
  { name: 'system:node', rule: 'subdomain', want: ["Invalid value: \"system:node\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"] },
  { name: 'a'.repeat(64), rule: 'label', want: [`Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`] },
]

for (const c of cases) {
  test(`${c.rule}: ${c.name.slice(0, 20)}`, () => assert.deepEqual(validateName(c.name, c.rule).map((cause) => cause.message), c.want))
}

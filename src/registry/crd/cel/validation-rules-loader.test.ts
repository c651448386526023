import assert from 'node:assert/strict'
import { test } from 'node:test'
import { compileLoadedValidationRules, hasValidationRules, loadValidationRules } from './validation-rules-loader.js'

const RULE = { rule: 'self.name != ""', message: 'name must not be empty' }
const withRule = { type: 'object', properties: { spec: { type: 'object', properties: { name: { type: 'string' } }, 'x-kubernetes-validations': [RULE] } } }

const cases = [
  { name: 'no schema', schema: undefined, want: false },
  { name: 'no rules', schema: { type: 'object', properties: { spec: { type: 'object' } } }, want: false },
  { name: 'a rule deep in properties', schema: withRule, want: true },
  { name: 'a rule under items', schema: { type: 'array', items: { type: 'string', 'x-kubernetes-validations': [RULE] } }, want: true },
]
for (const c of cases) test(`hasValidationRules: ${c.name}`, () => assert.equal(hasValidationRules(c.schema), c.want))

test('a schema without rules compiles to none before CEL is loaded; one with rules needs the load first', async () => {
  const none = compileLoadedValidationRules({ type: 'object', properties: { spec: { type: 'object' } } })
  assert.equal(none.isEmpty, true)
  assert.deepEqual(none.validate({ spec: {} }), [])
  assert.throws(() => compileLoadedValidationRules(withRule), /before loadValidationRules\(\) resolved/)
  await loadValidationRules()
  assert.equal(loadValidationRules(), undefined, 'loaded once: nothing more to wait for')
  const rules = compileLoadedValidationRules(withRule)
  assert.deepEqual(rules.validate({ spec: { name: 'a' } }), [])
  assert.deepEqual(rules.validate({ spec: { name: '' } }), [{ reason: 'FieldValueInvalid', field: 'spec', message: 'Invalid value: "object": name must not be empty' }])
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { compileValidationRules } from './validation-rules.js'

// The CRD validation errors kube gives for rules it cannot use, as
// apiextensions/validation/validation.go and schema/cel/compilation.go word them (cases after
// their validation_test.go and compilation_test.go). Rules sit on `spec`, an object with a string
// `name`, a list of strings `tags` and a map of strings `labels`.

const PREFIX = 'spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[0]'

function compileErrors(rule: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const spec = {
    type: 'object',
    properties: {
      name: { type: 'string' },
      tags: { type: 'array', items: { type: 'string' } },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
    },
    'x-kubernetes-validations': [rule],
    ...extra,
  }
  return compileValidationRules({ type: 'object', properties: { spec } }).compileErrors
}

const goRule = (rule: string, more = '') =>
  `apiextensions.ValidationRule{Rule:${JSON.stringify(rule)}, Message:"", MessageExpression:${JSON.stringify(more)}, Reason:(*apiextensions.FieldValueErrorReason)(nil), FieldPath:"", OptionalOldSelf:(*bool)(nil)}`

const cases: Array<{ name: string; rule: Record<string, unknown>; field: string; message: string; reason?: string }> = [
  {
    name: 'syntax error',
    rule: { rule: 'self.name ==' },
    field: `${PREFIX}.rule`,
    message: `Invalid value: ${goRule('self.name ==')}: compilation failed: ERROR: <input>:1:11: Syntax error: found = but expecting end of input\n | self.name ==\n | ..........^`,
  },
  {
    name: 'unknown field',
    rule: { rule: "has(self.namespace) && self.name != ''" },
    field: `${PREFIX}.rule`,
    message: `Invalid value: ${goRule("has(self.namespace) && self.name != ''")}: compilation failed: ERROR: <input>:1:4: undefined field 'namespace'\n | has(self.namespace) && self.name != ''\n | ...^`,
  },
  {
    name: 'undeclared reference',
    rule: { rule: 'other.name == self.name' },
    field: `${PREFIX}.rule`,
    message: `Invalid value: ${goRule('other.name == self.name')}: compilation failed: ERROR: <input>:1:1: undeclared reference to 'other' (in container '')\n | other.name == self.name\n | ^`,
  },
  {
    name: 'no overload for the argument types',
    rule: { rule: 'self.tags.size() > self.name' },
    field: `${PREFIX}.rule`,
    message: `Invalid value: ${goRule('self.tags.size() > self.name')}: compilation failed: ERROR: <input>:1:18: found no matching overload for '_>_' applied to '(int, string)'\n | self.tags.size() > self.name\n | .................^`,
  },
  {
    name: 'list literals must be homogeneous',
    rule: { rule: "self.name in ['a', 1]" },
    field: `${PREFIX}.rule`,
    message: `Invalid value: ${goRule("self.name in ['a', 1]")}: compilation failed: ERROR: <input>:1:20: expected type 'string' but found 'int'\n | self.name in ['a', 1]\n | ...................^`,
  },
  {
    name: 'a rule must give a bool',
    rule: { rule: 'self.name' },
    field: `${PREFIX}.rule`,
    message: `Invalid value: ${goRule('self.name')}: cel expression must evaluate to a bool`,
  },
  {
    name: 'a messageExpression must give a string',
    rule: { rule: 'self.name != ""', messageExpression: 'self.tags.size()' },
    field: `${PREFIX}.messageExpression`,
    message: `Invalid value: ${goRule('self.name != ""', 'self.tags.size()')}: messageExpression must evaluate to a string`,
  },
  { name: 'an empty rule', rule: { rule: '  ' }, field: `${PREFIX}.rule`, message: 'Required value: rule is not specified', reason: 'FieldValueRequired' },
  {
    name: 'a multi-line rule needs a message',
    rule: { rule: "self.name != ''\n&& true" },
    field: `${PREFIX}.message`,
    message: 'Required value: message must be specified if rule contains line breaks',
    reason: 'FieldValueRequired',
  },
  {
    name: 'an unsupported reason',
    rule: { rule: 'true', reason: 'Nope' },
    field: `${PREFIX}.reason`,
    message: 'Unsupported value: "Nope": supported values: "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"',
    reason: 'FieldValueNotSupported',
  },
  { name: 'a fieldPath the schema lacks', rule: { rule: 'true', fieldPath: '.nope' }, field: `${PREFIX}.fieldPath`, message: 'Invalid value: ".nope": fieldPath must be a valid path' },
  {
    name: 'optionalOldSelf without oldSelf',
    rule: { rule: 'true', optionalOldSelf: true },
    field: `${PREFIX}.optionalOldSelf`,
    message: 'Invalid value: true: may not be set if oldSelf is not used in rule',
  },
]

for (const c of cases) {
  test(c.name, () => {
    assert.deepEqual(compileErrors(c.rule), [{ reason: c.reason ?? 'FieldValueInvalid', field: c.field, message: c.message }])
  })
}

test('oldSelf under the items of an atomic list cannot be correlated', () => {
  const schema = {
    type: 'object',
    properties: {
      list: { type: 'array', items: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self == oldSelf' }] } },
    },
  }
  assert.deepEqual(compileValidationRules(schema).compileErrors, [{
    reason: 'FieldValueInvalid',
    field: 'spec.validation.openAPIV3Schema.properties[list].items.x-kubernetes-validations[0].rule',
    message: 'Invalid value: "self == oldSelf": oldSelf cannot be used on the uncorrelatable portion of the schema within spec.validation.openAPIV3Schema.properties[list]',
  }])
})

test('a caller-given prefix, rules that compile, and a schema without rules', () => {
  const compiled = compileValidationRules({ type: 'object', properties: { a: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self.x' }] } } }, { fieldPathPrefix: 'spec.versions[1].schema.openAPIV3Schema' })
  assert.equal(compiled.compileErrors[0]?.field, 'spec.versions[1].schema.openAPIV3Schema.properties[a].x-kubernetes-validations[0].rule')
  assert.deepEqual(compileErrors({ rule: "self.name.startsWith('a') && self.tags.all(t, t in self.labels)" }), [])
  assert.equal(compileValidationRules({ type: 'object', properties: { a: { type: 'string' } } }).isEmpty, true)
})

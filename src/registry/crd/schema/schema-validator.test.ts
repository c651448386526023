import assert from 'node:assert/strict'
import { test } from 'node:test'
import { compileSchemaValidator } from './schema-validator.js'

const spec = (properties: Record<string, unknown>, required?: string[]) =>
  compileSchemaValidator({ type: 'object', properties: { spec: { type: 'object', properties, ...(required ? { required } : {}) } } } as never)

// Messages as kube-openapi's validate/errors words them and apiextensions maps them to field errors
// (kubeOpenAPIResultToFieldErrors): TypeInvalid, Required, NotSupported, TooLong, TooMany, Invalid.
const cases: { name: string; validator: ReturnType<typeof spec>; object: unknown; want: [string, string, string][] }[] = [
  { name: 'a wrong type', validator: spec({ cronSpec: { type: 'string' } }), object: { spec: { cronSpec: 5 } },
    want: [['FieldValueTypeInvalid', 'spec.cronSpec', 'Invalid value: "integer": spec.cronSpec in body must be of type string: "integer"']] },
  { name: 'a float for an integer', validator: spec({ n: { type: 'integer' } }), object: { spec: { n: 1.5 } },
    want: [['FieldValueTypeInvalid', 'spec.n', 'Invalid value: "number": spec.n in body must be of type integer: "number"']] },
  { name: 'int-or-string', validator: spec({ port: { 'x-kubernetes-int-or-string': true } }), object: { spec: { port: true } },
    want: [['FieldValueTypeInvalid', 'spec.port', 'Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"']] },
  { name: 'null where not nullable', validator: spec({ s: { type: 'string' } }), object: { spec: { s: null } },
    want: [['FieldValueTypeInvalid', 'spec.s', 'Invalid value: "null": spec.s in body must be of type string: "null"']] },
  { name: 'null where nullable', validator: spec({ s: { type: 'string', nullable: true } }), object: { spec: { s: null } }, want: [] },
  { name: 'a maximum', validator: spec({ replicas: { type: 'integer', maximum: 10 } }), object: { spec: { replicas: 11 } },
    want: [['FieldValueInvalid', 'spec.replicas', 'Invalid value: 11: spec.replicas in body should be less than or equal to 10']] },
  { name: 'an exclusive minimum', validator: spec({ r: { type: 'number', minimum: 0, exclusiveMinimum: true } }), object: { spec: { r: 0 } },
    want: [['FieldValueInvalid', 'spec.r', 'Invalid value: 0: spec.r in body should be greater than 0']] },
  { name: 'a required field', validator: spec({ image: { type: 'string' } }, ['image']), object: { spec: {} },
    want: [['FieldValueRequired', 'spec.image', 'Required value']] },
  { name: 'an enum', validator: spec({ mode: { type: 'string', enum: ['a', 'b'] } }), object: { spec: { mode: 'c' } },
    want: [['FieldValueNotSupported', 'spec.mode', 'Unsupported value: "c": supported values: "a", "b"']] },
  { name: 'maxLength', validator: spec({ s: { type: 'string', maxLength: 3 } }), object: { spec: { s: 'abcd' } },
    want: [['FieldValueTooLong', 'spec.s', 'Too long: may not be more than 3 bytes']] },
  { name: 'minLength and pattern', validator: spec({ s: { type: 'string', minLength: 3, pattern: '^a' } }), object: { spec: { s: 'b' } },
    want: [
      ['FieldValueInvalid', 'spec.s', 'Invalid value: "b": spec.s in body should be at least 3 chars long'],
      ['FieldValueInvalid', 'spec.s', "Invalid value: \"b\": spec.s in body should match '^a'"],
    ] },
  { name: 'maxItems, then an item', validator: spec({ l: { type: 'array', maxItems: 1, items: { type: 'string' } } }), object: { spec: { l: ['a', 1] } },
    want: [
      ['FieldValueTooMany', 'spec.l', 'Too many: 2: must have at most 1 items'],
      ['FieldValueTypeInvalid', 'spec.l[1]', 'Invalid value: "integer": spec.l[1] in body must be of type string: "integer"'],
    ] },
  { name: 'a format', validator: spec({ ip: { type: 'string', format: 'ipv4' } }), object: { spec: { ip: '1.2.3' } },
    want: [['FieldValueTypeInvalid', 'spec.ip', 'Invalid value: "1.2.3": spec.ip in body must be of type ipv4: "1.2.3"']] },
  { name: 'an unsupported format checks nothing', validator: spec({ n: { type: 'string', format: 'no-such-format' } }), object: { spec: { n: 'x' } }, want: [] },
]

for (const c of cases) {
  test(`schema validation: ${c.name}`, () => {
    assert.deepEqual(c.validator.validate(c.object).map((x) => [x.reason, x.field, x.message]), c.want)
  })
}

test('schema validation: on update, errors of unchanged values are ratcheted away', () => {
  const validator = spec({ a: { type: 'integer', maximum: 1 }, b: { type: 'integer', maximum: 1 } })
  const causes = validator.validate({ spec: { a: 5, b: 5 } }, { old: { spec: { a: 5, b: 2 } } })
  assert.deepEqual(causes.map((c) => c.field), ['spec.b'])
})

test('schema validation: a default is validated on its own, its errors under …default', () => {
  const validator = compileSchemaValidator({ type: 'integer', maximum: 10 })
  assert.deepEqual(validator.validate(20, { fieldPath: 'spec.validation.openAPIV3Schema.properties[n].default' }), [
    { reason: 'FieldValueInvalid', field: 'spec.validation.openAPIV3Schema.properties[n].default', message: 'Invalid value: 20:  in body should be less than or equal to 10' },
  ])
})

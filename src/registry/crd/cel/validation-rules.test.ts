import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { StatusCause } from '../../../api/types.js'
import { compileValidationRules, type JsonSchemaProps } from './validation-rules.js'

// What kube-apiserver 1.32 answers for rules at each kind of schema node, written from
// apiextensions-apiserver/pkg/apiserver/schema/cel/validation.go (the messages, field paths and
// reasons) and the cases of its validation_test.go.

const rules = (...list: Array<Record<string, unknown>>) => ({ 'x-kubernetes-validations': list })
const object = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): JsonSchemaProps => ({
  type: 'object', properties, ...extra,
})
const invalid = (field: string, type: string, detail: string): StatusCause => ({
  reason: 'FieldValueInvalid', field, message: `Invalid value: ${JSON.stringify(type)}: ${detail}`,
})

function validate(schema: JsonSchemaProps, value: unknown, old?: unknown): StatusCause[] {
  const compiled = compileValidationRules(schema)
  assert.deepEqual(compiled.compileErrors, [])
  return compiled.validate(value, old)
}

const SPEC = object({
  spec: object(
    { replicas: { type: 'integer' }, maxReplicas: { type: 'integer' }, name: { type: 'string' } },
    rules({ rule: 'self.replicas <= self.maxReplicas', message: 'replicas must be at most maxReplicas' }),
  ),
})

const cases: Array<{ name: string; schema: JsonSchemaProps; value: unknown; old?: unknown; want: StatusCause[] }> = [
  { name: 'a rule that holds reports nothing', schema: SPEC, value: { spec: { replicas: 1, maxReplicas: 2 } }, want: [] },
  {
    name: 'an object node reports "object" and the message',
    schema: SPEC,
    value: { spec: { replicas: 3, maxReplicas: 2 } },
    want: [invalid('spec', 'object', 'replicas must be at most maxReplicas')],
  },
  {
    name: 'a rule at the root reports the nil path',
    schema: object({ a: { type: 'integer' } }, rules({ rule: 'self.a > 0' })),
    value: { a: 0 },
    want: [invalid('<nil>', 'object', 'failed rule: self.a > 0')],
  },
  {
    name: 'scalar nodes report their schema type',
    schema: object({
      s: { type: 'string', ...rules({ rule: "self == 'x'" }) },
      i: { type: 'integer', ...rules({ rule: 'self > 5' }) },
      d: { type: 'number', ...rules({ rule: 'self > 5.0' }) },
      b: { type: 'boolean', ...rules({ rule: 'self' }) },
      l: { type: 'array', items: { type: 'integer' }, ...rules({ rule: 'self.size() > 5' }) },
      ios: { 'x-kubernetes-int-or-string': true, ...rules({ rule: 'self == 5' }) },
    }),
    value: { s: 'y', i: 1, d: 1, b: false, l: [1], ios: 'a' },
    want: [
      invalid('s', 'string', "failed rule: self == 'x'"),
      invalid('i', 'integer', 'failed rule: self > 5'),
      invalid('d', 'number', 'failed rule: self > 5.0'),
      invalid('b', 'boolean', 'failed rule: self'),
      invalid('l', 'array', 'failed rule: self.size() > 5'),
      invalid('ios', '', 'failed rule: self == 5'),
    ],
  },
  {
    name: 'rules under lists and maps report the item index and the key',
    schema: object({
      list: { type: 'array', items: { type: 'integer', ...rules({ rule: 'self >= 0' }) } },
      map: { type: 'object', additionalProperties: { type: 'string', ...rules({ rule: "self != ''" }) } },
    }),
    value: { list: [1, -1], map: { a: 'x', b: '' } },
    want: [invalid('list[1]', 'integer', 'failed rule: self >= 0'), invalid('map[b]', 'string', "failed rule: self != ''")],
  },
  {
    name: 'reason and fieldPath choose the error and where it is reported',
    schema: object({
      spec: object({ a: { type: 'string' }, m: { type: 'object', additionalProperties: { type: 'string' } } }, rules(
        { rule: "self.a != 'f'", reason: 'FieldValueForbidden', fieldPath: '.a', message: 'a may not be f' },
        { rule: 'has(self.m)', reason: 'FieldValueRequired', message: 'm is required' },
        { rule: "self.a != 'f'", reason: 'FieldValueDuplicate', fieldPath: ".m['k']" },
      )),
    }),
    value: { spec: { a: 'f' } },
    want: [
      { reason: 'FieldValueForbidden', field: 'spec.a', message: 'Forbidden: a may not be f' },
      { reason: 'FieldValueRequired', field: 'spec', message: 'Required value: m is required' },
      { reason: 'FieldValueDuplicate', field: 'spec.m[k]', message: 'Duplicate value: "object"' },
    ],
  },
  {
    name: 'messageExpression gives the message; a failing one falls back to message',
    schema: object({ n: { type: 'integer' } }, rules(
      { rule: 'self.n < 3', messageExpression: "'n is ' + string(self.n) + ', at most 2'" },
      { rule: 'self.n < 3', message: 'static', messageExpression: "'n/0 is ' + string(self.n / 0)" },
      { rule: 'self.n < 3', messageExpression: "'  '" },
    )),
    value: { n: 4 },
    want: [
      invalid('<nil>', 'object', 'n is 4, at most 2'),
      invalid('<nil>', 'object', 'static'),
      invalid('<nil>', 'object', 'failed rule: self.n < 3'),
    ],
  },
  {
    name: 'escaped property names (escaping.go)',
    schema: object({ 'x-prop': { type: 'integer' }, namespace: { type: 'integer' }, 'redact__d': { type: 'integer' }, 'a.b/c': { type: 'integer' } },
      rules({ rule: 'self.x__dash__prop > 0 && self.__namespace__ > 0 && self.redact__underscores__d > 0 && self.a__dot__b__slash__c > 0' })),
    value: { 'x-prop': 1, namespace: 1, 'redact__d': 1, 'a.b/c': 0 },
    want: [invalid('<nil>', 'object', 'failed rule: self.x__dash__prop > 0 && self.__namespace__ > 0 && self.redact__underscores__d > 0 && self.a__dot__b__slash__c > 0')],
  },
  {
    name: 'apiVersion, kind and metadata.name are visible at the root and in embedded resources',
    schema: object({ embedded: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true, ...rules({ rule: "self.kind == 'Pod' && self.metadata.name.startsWith('p')" }) } },
      rules({ rule: "self.apiVersion == 'x/v1' && self.metadata.name == 'a'" })),
    value: { apiVersion: 'x/v1', kind: 'X', metadata: { name: 'a' }, embedded: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'q' } } },
    want: [invalid('embedded', 'object', "failed rule: self.kind == 'Pod' && self.metadata.name.startsWith('p')")],
  },
  {
    name: 'set and map lists compare regardless of order',
    schema: object({
      set: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
      ml: { type: 'array', items: object({ k: { type: 'string' }, v: { type: 'integer' } }, { required: ['k'] }), 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['k'] },
    }, rules({ rule: "self.set == ['b', 'a'] && self.ml == oldSelf.ml" }, { rule: "(self.set + ['c', 'a']).size() == 3" })),
    value: { set: ['a', 'b'], ml: [{ k: 'x', v: 1 }, { k: 'y', v: 2 }] },
    old: { set: ['a'], ml: [{ k: 'y', v: 2 }, { k: 'x', v: 1 }] },
    want: [],
  },
  {
    name: 'a null field of an object is absent',
    schema: object({ a: { type: 'string', nullable: true } }, rules({ rule: '!has(self.a)' })),
    value: { a: null },
    want: [],
  },
]

for (const c of cases) test(c.name, () => assert.deepEqual(validate(c.schema, c.value, c.old), c.want))

const TRANSITION = object({
  spec: object({ size: { type: 'integer' }, mode: { type: 'string' } }, rules(
    { rule: 'self.size >= oldSelf.size', message: 'size may not shrink' },
    { rule: "!oldSelf.hasValue() || oldSelf.value().mode == self.mode", optionalOldSelf: true, message: 'mode is immutable' },
    { rule: "self.mode != 'bad'", message: 'mode may not be bad' },
  )),
})

test('transition rules run only on updates; optionalOldSelf rules also on creates', () => {
  assert.deepEqual(validate(TRANSITION, { spec: { size: 1, mode: 'a' } }), [])
  assert.deepEqual(validate(TRANSITION, { spec: { size: 1, mode: 'b' } }, { spec: { size: 2, mode: 'a' } }), [
    invalid('spec', 'object', 'size may not shrink'),
    invalid('spec', 'object', 'mode is immutable'),
  ])
})

test('an update that leaves a failing value unchanged is not refused (CRD validation ratcheting)', () => {
  const old = { spec: { size: 1, mode: 'bad' } }
  assert.deepEqual(validate(TRANSITION, { spec: { size: 1, mode: 'bad' } }, old), [])
  assert.deepEqual(validate(TRANSITION, { spec: { size: 2, mode: 'bad' } }, old), [invalid('spec', 'object', 'mode may not be bad')])
})

test('a runaway rule is stopped with kube\'s cost error and nothing after it runs', () => {
  const schema = object({ l: { type: 'array', items: { type: 'integer' }, ...rules(
    { rule: 'self.all(a, self.all(b, self.all(c, a + b + c >= 0)))' },
    { rule: 'false' },
  ) } })
  const started = Date.now()
  const causes = validate(schema, { l: Array.from({ length: 200 }, (_, i) => i) })
  assert.deepEqual(causes, [invalid('l', 'array', "'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: self.all(a, self.all(b, self.all(c, a + b + c >= 0)))")])
  assert.ok(Date.now() - started < 3000, 'stopped within the deadline')
})

test('a loop that exits at once is still charged for its range', () => {
  const schema = object({ l: { type: 'array', items: { type: 'string' }, ...rules({ rule: "self.all(a, self.exists(b, true))" }) } })
  const causes = validate(schema, { l: Array.from({ length: 20_000 }, () => 'x') })
  assert.match(causes[0]?.message ?? '', /call cost exceeds limit/)
})

test('benchmark: evaluations of a typical rule per second', () => {
  const compiled = compileValidationRules(SPEC)
  const value = { apiVersion: 'x/v1', kind: 'X', metadata: { name: 'a' }, spec: { replicas: 1, maxReplicas: 3, name: 'n' } }
  for (let i = 0; i < 5_000; i++) compiled.validate(value)
  const n = 50_000
  const started = process.hrtime.bigint()
  for (let i = 0; i < n; i++) compiled.validate(value)
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const rate = Math.round(n / seconds)
  console.log(`cel bench: ${rate} evaluations/s of 'self.replicas <= self.maxReplicas' (${((seconds / n) * 1e6).toFixed(1)} µs each)`)
  assert.ok(rate > 1000)
})

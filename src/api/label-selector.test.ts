import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ApiError } from './errors.js'
import { parseLabelSelector } from './label-selector.js'

const labels = { app: 'x', tier: 'web', n: '5' }

const matchCases: Array<{ selector: string; want: boolean }> = [
  { selector: 'app=x', want: true },
  { selector: 'app==x', want: true },
  { selector: 'app=y', want: false },
  { selector: 'app!=y', want: true },
  { selector: 'missing!=y', want: true },
  { selector: 'app in (x,y)', want: true },
  { selector: 'app in (y)', want: false },
  { selector: 'missing in (x)', want: false },
  { selector: 'app notin (y)', want: true },
  { selector: 'app notin (x)', want: false },
  { selector: 'missing notin (x)', want: true },
  { selector: 'app', want: true },
  { selector: 'missing', want: false },
  { selector: '!missing', want: true },
  { selector: '!app', want: false },
  { selector: 'app in (x,y),!nope', want: true },
  { selector: ' app = x , tier in ( web ) ', want: true },
  { selector: 'app=x,tier=db', want: false },
  { selector: 'n>4', want: true },
  { selector: 'n<5', want: false },
  { selector: 'app>1', want: false },
  { selector: 'in in (in)', want: false },
  { selector: 'missing=', want: false },
  { selector: 'missing in ()', want: false },
]

for (const c of matchCases) {
  test(`label selector ${JSON.stringify(c.selector)} matches ${JSON.stringify(labels)}: ${c.want}`, () => {
    assert.equal(parseLabelSelector(c.selector).matches(labels), c.want)
  })
}

test('an empty or absent label selector is empty and matches everything', () => {
  for (const raw of [undefined, '', '   ']) {
    const s = parseLabelSelector(raw)
    assert.equal(s.isEmpty, true)
    assert.equal(s.matches(undefined), true)
  }
})

test('the empty value is a value: k=, k in (), k in (a,)', () => {
  assert.equal(parseLabelSelector('k=').matches({ k: '' }), true)
  assert.deepEqual(parseLabelSelector('k in ()').requirements[0]?.values, [''])
  assert.deepEqual(parseLabelSelector('k in (b,a,)').requirements[0]?.values, ['', 'a', 'b'])
})

test('requirements are sorted by key, as kube sorts them', () => {
  assert.deepEqual(parseLabelSelector('b,a=1').requirements.map((r) => r.key), ['a', 'b'])
})

const nameRule =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
const valueRule =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

const errorCases: Array<{ selector: string; message: string }> = [
  { selector: 'app:monolith', message: `unable to parse requirement: <nil>: Invalid value: "app:monolith": ${nameRule}` },
  {
    selector: 'a/b/c ?=? def',
    message: "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
  },
  {
    selector: 'Example.com/x=1',
    message: "unable to parse requirement: <nil>: Invalid value: \"Example.com/x\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  },
  { selector: 'app=demo-{nginx}', message: `unable to parse requirement: values[0][app]: Invalid value: "demo-{nginx}": ${valueRule}` },
  { selector: 'env>qa', message: `unable to parse requirement: values[0]: Invalid value: "qa": for 'Gt', 'Lt' operators, the value must be an integer` },
  { selector: 'a b', message: "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt" },
  { selector: 'a in b', message: "unable to parse requirement: found 'b' expected: '('" },
  { selector: 'a in (b', message: "unable to parse requirement: found '', expected: ',' or ')'" },
  { selector: 'a!==b', message: "unable to parse requirement: found '=', expected: identifier" },
  { selector: 'a=b c', message: "found 'c', expected: ',' or 'end of string'" },
  { selector: 'a=b,', message: "found '', expected: identifier after ','" },
  { selector: ',a', message: "found ',', expected: !, identifier, or 'end of string'" },
  { selector: '!a=b', message: "found '=', expected: ',' or 'end of string'" },
]

for (const c of errorCases) {
  test(`label selector ${JSON.stringify(c.selector)} is a 400 with kube's message`, () => {
    assert.throws(
      () => parseLabelSelector(c.selector),
      (e: unknown) => e instanceof ApiError && e.code === 400 && e.reason === 'BadRequest' && e.message === c.message,
    )
  })
}

test('several bad values aggregate like utilerrors.NewAggregate', () => {
  assert.throws(
    () => parseLabelSelector('k in (a b)'),
    (e: unknown) => e instanceof ApiError && e.message === "unable to parse requirement: found 'b', expected: ',' or ')'",
  )
  assert.throws(
    () => parseLabelSelector('k in (-a,-b)'),
    (e: unknown) => e instanceof ApiError && e.message.startsWith('unable to parse requirement: [values[0][k]: Invalid value: "-a": ') && e.message.includes(', values[1][k]: Invalid value: "-b": '),
  )
})

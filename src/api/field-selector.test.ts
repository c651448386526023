import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ApiError } from './errors.js'
import { parseFieldSelector } from './field-selector.js'

const fields: Record<string, string> = { 'metadata.name': 'x', 'status.phase': 'Running', 'spec.nodeName': 'a,b=c' }
const valueOf = (path: string) => fields[path]

const matchCases: Array<{ selector: string; want: boolean }> = [
  { selector: 'metadata.name=x', want: true },
  { selector: 'metadata.name==x', want: true },
  { selector: 'metadata.name!=x', want: false },
  { selector: 'metadata.name=y', want: false },
  { selector: 'metadata.name=x,status.phase=Running', want: true },
  { selector: 'metadata.name=x,status.phase!=Running', want: false },
  { selector: 'spec.nodeName=a\\,b\\=c', want: true },
  { selector: 'status.podIP=', want: true },
  { selector: 'status.podIP!=', want: false },
  { selector: 'metadata.name=x,', want: true },
]

for (const c of matchCases) {
  test(`field selector ${JSON.stringify(c.selector)} matches: ${c.want}`, () => {
    assert.equal(parseFieldSelector(c.selector).matches(valueOf), c.want)
  })
}

test('an empty or absent field selector is empty and matches everything', () => {
  for (const raw of [undefined, '', ',']) {
    const s = parseFieldSelector(raw)
    assert.equal(s.isEmpty, true)
    assert.equal(s.matches(() => undefined), true)
  }
})

test('terms are sorted, == becomes =, values are unescaped', () => {
  assert.deepEqual(parseFieldSelector('z==1,a!=\\\\').requirements, [
    { field: 'a', operator: '!=', value: '\\' },
    { field: 'z', operator: '=', value: '1' },
  ])
})

test('the leftmost operator splits a term', () => {
  assert.deepEqual(parseFieldSelector('metadata.name=!x').requirements, [{ field: 'metadata.name', operator: '=', value: '!x' }])
})

const errorCases: Array<{ selector: string; message: string }> = [
  { selector: 'status.phase', message: "invalid selector: 'status.phase'; can't understand 'status.phase'" },
  { selector: 'a=1,b', message: "invalid selector: 'a=1,b'; can't understand 'b'" },
  { selector: 'a=b=c', message: 'invalid field selector: unescaped character in value: 61' },
  { selector: 'metadata.name!==x', message: 'invalid field selector: unescaped character in value: 61' },
  { selector: 'a=x\\y', message: 'invalid field selector: invalid escape sequence: \\y' },
  { selector: 'a=x\\', message: 'invalid field selector: invalid escape sequence: \\' },
]

for (const c of errorCases) {
  test(`field selector ${JSON.stringify(c.selector)} is a 400 with kube's message`, () => {
    assert.throws(
      () => parseFieldSelector(c.selector),
      (e: unknown) => e instanceof ApiError && e.code === 400 && e.message === c.message,
    )
  })
}

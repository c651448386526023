import assert from 'node:assert/strict'
import { test } from 'node:test'
import { escapeProperty, unescapeProperty } from './property-escaping.js'

// apiserver/pkg/cel/escaping.go and the cases of its escaping_test.go.
const cases: Array<{ name: string; escaped: string | undefined }> = [
  { name: 'foo', escaped: 'foo' },
  { name: '_foo', escaped: '_foo' },
  { name: 'x-prop', escaped: 'x__dash__prop' },
  { name: 'a.b/c', escaped: 'a__dot__b__slash__c' },
  { name: 'redact__d', escaped: 'redact__underscores__d' },
  { name: 'namespace', escaped: '__namespace__' },
  { name: 'int', escaped: 'int' },
  { name: 'sprint', escaped: 'sprint' },
  { name: '1foo', escaped: undefined },
  { name: 'a b', escaped: undefined },
  { name: '', escaped: undefined },
]

for (const c of cases) {
  test(`escape ${JSON.stringify(c.name)}`, () => {
    assert.equal(escapeProperty(c.name), c.escaped)
    if (c.escaped !== undefined) assert.equal(unescapeProperty(c.escaped), c.name)
  })
}

test('unescape refuses escapes kube does not make', () => {
  assert.equal(unescapeProperty('a__unknown__b'), undefined)
  assert.equal(unescapeProperty('x__namespace__'), undefined)
})

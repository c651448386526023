import assert from 'node:assert/strict'
import { test } from 'node:test'
import { containerCells, formatLabels, formatLabelSelector, labelSelectorString } from './workload-cells.js'

test('containerCells joins names and images', () => {
  const obj = { spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'busybox:1' }] } }
  assert.deepEqual(containerCells(obj, 'spec.containers'), ['a,b', 'nginx,busybox:1'])
  assert.deepEqual(containerCells({}, 'spec.containers'), ['', ''])
})

test('formatLabels sorts pairs and prints <none> when empty', () => {
  assert.equal(formatLabels({ b: '2', a: '1' }), 'a=1,b=2')
  assert.equal(formatLabels({}), '<none>')
  assert.equal(formatLabels(undefined), '<none>')
})

const selectorCases: Array<{ selector: unknown; string: string | undefined; formatted: string }> = [
  { selector: undefined, string: '', formatted: '<none>' },
  { selector: {}, string: '', formatted: '<none>' },
  { selector: { matchLabels: { app: 'x' } }, string: 'app=x', formatted: 'app=x' },
  {
    selector: {
      matchLabels: { tier: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'zone', operator: 'NotIn', values: ['a'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'app', operator: 'Exists' },
      ],
    },
    string: 'app,!canary,env in (dev,prod),tier=web,zone notin (a)',
    formatted: 'app,!canary,env in (dev,prod),tier=web,zone notin (a)',
  },
  { selector: { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, string: undefined, formatted: '<error>' },
  { selector: { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, string: undefined, formatted: '<error>' },
  { selector: { matchLabels: { 'bad key': 'x' } }, string: undefined, formatted: '<error>' },
]

for (const c of selectorCases) {
  test(`label selector ${JSON.stringify(c.selector)} renders as ${c.formatted}`, () => {
    assert.equal(labelSelectorString(c.selector), c.string)
    assert.equal(formatLabelSelector(c.selector), c.formatted)
  })
}

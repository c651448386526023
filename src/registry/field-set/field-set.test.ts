import assert from 'node:assert/strict'
import { test } from 'node:test'
import { FieldSet } from './field-set.js'
import { fieldToken as f, keyToken, pathToString, valueToken } from './path-element.js'

const set = (...paths: string[][]) => {
  const out = FieldSet.empty()
  for (const path of paths) out.insert(path.map(f))
  return out
}

// Cases from structured-merge-diff fieldpath/set_test.go TestSetDifference.
const differences = [
  { name: 'removes a simple path', a: set(['a']), b: set(['a']), difference: set(), recursive: set() },
  { name: 'removes a direct path', a: set(['a', 'b', 'c']), b: set(['a', 'b', 'c']), difference: set(), recursive: set() },
  { name: 'removes only the matching child', a: set(['a', 'b', 'c'], ['b', 'b', 'c']), b: set(['a', 'b', 'c']), difference: set(['b', 'b', 'c']), recursive: set(['b', 'b', 'c']) },
  { name: 'keeps the parent of a removed path', a: set(['a']), b: set(['a', 'aa']), difference: set(['a']), recursive: set(['a']) },
  { name: 'only the recursive difference removes a nested path', a: set(['a', 'b', 'c']), b: set(['a']), difference: set(['a', 'b', 'c']), recursive: set() },
  {
    name: 'recursive: only matching children',
    a: set(['a', 'aa', 'aab'], ['a', 'ab', 'aba']), b: set(['a', 'aa']),
    difference: set(['a', 'aa', 'aab'], ['a', 'ab', 'aba']), recursive: set(['a', 'ab', 'aba']),
  },
]

for (const c of differences) {
  test(`field set difference: ${c.name}`, () => {
    assert.ok(c.a.difference(c.b).equals(c.difference))
    assert.ok(c.a.recursiveDifference(c.b).equals(c.recursive))
  })
}

test('field set: union, intersection, has, and no empty children left behind', () => {
  const a = set(['spec', 'replicas'], ['spec', 'template', 'image'])
  const b = set(['spec', 'replicas'], ['metadata', 'labels', 'app'])
  const union = a.union(b)
  assert.ok(union.has(['spec', 'template', 'image'].map(f)))
  assert.ok(union.has(['metadata', 'labels', 'app'].map(f)))
  assert.ok(!union.has(['spec'].map(f)), 'a parent is not a member')
  assert.ok(a.intersection(b).equals(set(['spec', 'replicas'])))
  const emptied = set(['spec', 'replicas']).difference(set(['spec', 'replicas']))
  assert.ok(emptied.isEmpty)
  assert.ok(a.intersection(set(['other'])).isEmpty)
})

test('field set: iterates members before children, each in element order', () => {
  const s = set(['spec', 'template', 'spec', 'containers'], ['spec', 'replicas'], ['apiVersion'])
  const seen: string[] = []
  s.iterate((path) => seen.push(pathToString(path)))
  assert.deepEqual(seen, ['.apiVersion', '.spec.replicas', '.spec.template.spec.containers'])
})

test('paths print as kube prints them in conflicts', () => {
  const path = [f('spec'), f('containers'), keyToken({ name: 'web' }), f('ports'), keyToken({ protocol: 'TCP', containerPort: 80 }), f('hostPort')]
  assert.equal(pathToString(path), '.spec.containers[name="web"].ports[containerPort=80,protocol="TCP"].hostPort')
  assert.equal(pathToString([f('metadata'), f('finalizers'), valueToken('example.com/a')]), '.metadata.finalizers[="example.com/a"]')
})

test('key tokens are canonical: key fields sorted by name, Go escaping', () => {
  assert.equal(keyToken({ protocol: 'TCP', containerPort: 80 }), 'k:{"containerPort":80,"protocol":"TCP"}')
  assert.equal(keyToken({ name: 'a<b&c' }), 'k:{"name":"a\\u003cb\\u0026c"}')
  assert.equal(valueToken('x'), 'v:"x"')
})

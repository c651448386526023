import assert from 'node:assert/strict'
import { test } from 'node:test'
import { FieldSet } from './field-set.js'
import { FieldsV1Error, fromFieldsV1, toFieldsV1 } from './fields-v1.js'

// Golden data of structured-merge-diff fieldpath/serialize_test.go TestSerializeV1GoldenData: read
// and written back, each must come out byte for byte, which pins the element order (fields, then
// keys, values, indexes; values by type then value) and where `".": {}` goes.
const golden = [
  String.raw`{"f:aaa":{},"f:aab":{},"f:aac":{},"f:aad":{},"f:aae":{},"f:aaf":{},"k:{\"name\":\"first\"}":{},"k:{\"name\":\"second\"}":{},"k:{\"port\":443,\"protocol\":\"tcp\"}":{},"k:{\"port\":443,\"protocol\":\"udp\"}":{},"v:1":{},"v:2":{},"v:3":{},"v:\"aa\"":{},"v:\"ab\"":{},"v:true":{},"i:1":{},"i:2":{},"i:3":{},"i:4":{}}`,
  String.raw`{"f:aaa":{"k:{\"name\":\"second\"}":{"v:3":{"f:aab":{}}},"v:3":{},"v:true":{}},"f:aab":{"f:aaa":{},"f:aaf":{"k:{\"port\":443,\"protocol\":\"udp\"}":{"k:{\"port\":443,\"protocol\":\"tcp\"}":{}}},"k:{\"name\":\"first\"}":{}},"f:aac":{"f:aaa":{"v:1":{}},"f:aac":{},"v:3":{"k:{\"name\":\"second\"}":{}}},"f:aad":{"f:aac":{"v:1":{}},"f:aaf":{"k:{\"name\":\"first\"}":{"k:{\"name\":\"first\"}":{}}},"i:1":{"i:1":{},"i:3":{"v:true":{}}}},"f:aae":{"f:aae":{},"k:{\"port\":443,\"protocol\":\"tcp\"}":{"k:{\"port\":443,\"protocol\":\"udp\"}":{}},"i:4":{"f:aaf":{}}},"f:aaf":{"i:1":{"f:aac":{}},"i:2":{},"i:3":{}},"k:{\"name\":\"first\"}":{"f:aad":{"f:aaf":{}}},"k:{\"port\":443,\"protocol\":\"tcp\"}":{"f:aaa":{"f:aad":{}}},"k:{\"port\":443,\"protocol\":\"udp\"}":{"f:aac":{},"k:{\"name\":\"first\"}":{"i:3":{}},"k:{\"port\":443,\"protocol\":\"udp\"}":{"i:4":{}}},"v:1":{"f:aac":{"i:4":{}},"f:aaf":{},"k:{\"port\":443,\"protocol\":\"tcp\"}":{}},"v:2":{"f:aad":{"f:aaf":{}},"i:1":{}},"v:3":{"f:aaa":{},"k:{\"name\":\"first\"}":{},"i:2":{}},"v:\"aa\"":{"f:aab":{"f:aaf":{}},"f:aae":{},"k:{\"name\":\"first\"}":{"f:aad":{}},"i:2":{}},"v:\"ab\"":{"f:aaf":{"i:4":{}},"k:{\"port\":443,\"protocol\":\"tcp\"}":{},"k:{\"port\":443,\"protocol\":\"udp\"}":{},"v:1":{"k:{\"port\":443,\"protocol\":\"udp\"}":{}},"i:1":{"f:aae":{"i:4":{}}}},"v:true":{"k:{\"name\":\"second\"}":{"f:aaa":{}},"i:2":{"k:{\"port\":443,\"protocol\":\"tcp\"}":{}}},"i:1":{"i:3":{"f:aaf":{}}},"i:2":{"f:aae":{},"k:{\"port\":443,\"protocol\":\"tcp\"}":{"v:1":{}}},"i:3":{"f:aab":{"v:true":{"v:\"aa\"":{}}},"f:aaf":{},"i:1":{}},"i:4":{"v:\"aa\"":{"f:aab":{"k:{\"name\":\"second\"}":{}}}}}`,
  String.raw`{"f:spec":{".":{},"f:apps":{".":{},"k:{\"name\":\" app-💻\"}":{".":{},"f:container":{".":{},"f:image":{},"f:name":{},"f:ports":{".":{},"k:{\"name\":\"port 🔑\"}":{".":{},"f:containerPort":{},"f:name":{}}}},"f:name":{}},"k:{\"name\":\" app-🚀\"}":{".":{},"f:container":{".":{},"f:image":{},"f:name":{},"f:ports":{".":{},"k:{\"name\":\"port-✅ \"}":{".":{},"f:containerPort":{},"f:name":{}}}},"f:name":{}}}}}`,
]

for (const [i, text] of golden.entries()) {
  test(`FieldsV1 golden ${i}: read and written back byte for byte`, () => {
    assert.equal(JSON.stringify(toFieldsV1(fromFieldsV1(JSON.parse(text)))), text)
  })
}

test('FieldsV1: keys a client spaced or ordered differently are made canonical (TestDeserializeForValidNonNormalized)', () => {
  const sent = { 'k:{ "protocol":"udp","port":443}': {}, 'v: 3': {}, 'f:b': {}, 'f:a': {} }
  assert.equal(JSON.stringify(toFieldsV1(fromFieldsV1(sent))), String.raw`{"f:a":{},"f:b":{},"k:{\"port\":443,\"protocol\":\"udp\"}":{},"v:3":{}}`)
})

test('FieldsV1: keys of an unknown kind are dropped; malformed ones are an error', () => {
  assert.deepEqual(toFieldsV1(fromFieldsV1({ 'x:future': {}, 'f:a': {} })), { 'f:a': {} })
  assert.throws(() => fromFieldsV1({ 'k:{nope': {} }), FieldsV1Error)
  assert.throws(() => fromFieldsV1({ f: {} }), FieldsV1Error)
  assert.ok(fromFieldsV1({}).isEmpty)
  assert.ok(fromFieldsV1(undefined).isEmpty)
})

test('FieldsV1: a node both owned and a parent writes "." first', () => {
  const s = FieldSet.empty()
  s.insert(['f:metadata', 'f:labels'])
  s.insert(['f:metadata', 'f:labels', 'f:app'])
  assert.equal(JSON.stringify(toFieldsV1(s)), '{"f:metadata":{"f:labels":{".":{},"f:app":{}}}}')
})

test('FieldsV1: what watchplane wrote is written back as it came; anything else is written anew', () => {
  const canonical = JSON.parse(golden[2]!)
  assert.equal(toFieldsV1(fromFieldsV1(canonical)), canonical, 'the same object')
  const reordered = { 'f:b': {}, 'f:a': {} }
  assert.notEqual(toFieldsV1(fromFieldsV1(reordered)), reordered)
  const lonelyDot = { 'f:a': { '.': {} } }
  assert.deepEqual(toFieldsV1(fromFieldsV1(lonelyDot)), { 'f:a': {} })
})

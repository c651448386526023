import assert from 'node:assert/strict'
import { test } from 'node:test'
import { findDuplicateFields } from './duplicate-fields.js'

const cases = [
  { name: 'none', json: '{"a":1,"b":{"a":2}}', want: [] },
  { name: 'top level', json: '{"a":1,"a":2}', want: [{ parent: [], key: 'a' }] },
  { name: 'nested, after a list', json: '{"s":{"l":[1,{"x":1,"x":2}],"r":true,"r":null}}', want: [
    { parent: ['s', 'l', 1], key: 'x' },
    { parent: ['s'], key: 'r' },
  ] },
  { name: 'white space and escapes', json: ' { "a" : "q\\"}" , "\\u0061" : [ ] } ', want: [{ parent: [], key: 'a' }] },
  { name: 'a key repeated three times is reported twice', json: '{"a":1,"a":2,"a":3}', want: [
    { parent: [], key: 'a' },
    { parent: [], key: 'a' },
  ] },
  { name: 'not an object', json: '[1,"a",{"b":[]}]', want: [] },
]
for (const c of cases) test(`findDuplicateFields: ${c.name}`, () => assert.deepEqual(findDuplicateFields(c.json), c.want))

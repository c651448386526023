import assert from 'node:assert/strict'
import { test } from 'node:test'
import { findDuplicateFields } from '../../registry/validation/duplicate-fields.js'
import { mayRepeatKeys } from './may-repeat-keys.js'

const texts = [
  '{"a":1,"b":{"c":[{"d":2},{"d":3}]}}',
  '{"a":1,"a":2}',
  '{"a":{"b":1,"b":2}}',
  '{"a":[{"x":1},{"y":2,"y":3}]}',
  '{"a:b":"c:d","e":"\\":\\\\","f":"x"}',
  '{"a":"\\"","a":"x"}',
  '{"__proto__":{"x":1},"b":[1,"2",null,[{"c":{}}]]}',
  '{"\\u0061":1,"a":2}',
  ' [ {"a" : 1 , "b" : { } } , 3 ] ',
  '{}',
  '"text:with:colons"',
  '{"k":{"m":{"n":{"n":1}}}}',
]

test('a JSON text may repeat a key exactly when it has a repeated key', () => {
  for (const text of texts) {
    assert.equal(mayRepeatKeys(text, JSON.parse(text)), findDuplicateFields(text).length > 0, text)
  }
})

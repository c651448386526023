import assert from 'node:assert/strict'
import { test } from 'node:test'
import { warningHeaderValue } from './respond.js'

test('warningHeaderValue escapes the inner quotes kubectl needs escaped', () => {
  assert.equal(warningHeaderValue('unknown field "spec.x"'), '299 - "unknown field \\"spec.x\\""')
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { bearerTokenOf } from './bearer-token.js'

// kube's bearertoken authenticator (staging/apiserver/pkg/authentication/request/bearertoken/bearertoken_test.go)
const cases: [string | undefined, string | undefined][] = [
  ['Bearer abc', 'abc'],
  ['bearer abc', 'abc'],
  ['BEARER abc', 'abc'],
  ['  Bearer abc  ', 'abc'],
  ['Bearer abc extra', 'abc'],
  ['Bearer ', undefined],
  ['Bearer', undefined],
  ['Basic YWxhZGRpbjpvcGVuc2VzYW1l', undefined],
  ['', undefined],
  [undefined, undefined],
]
for (const [header, want] of cases) test(`${JSON.stringify(header)} → ${JSON.stringify(want)}`, () => assert.equal(bearerTokenOf(header), want))

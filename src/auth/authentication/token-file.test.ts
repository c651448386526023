import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseTokenFile, TokenFile } from './token-file.js'

test("kube's format: token, user, uid, then the groups as one quoted field", () => {
  const users = parseTokenFile('t1,alice,1001,"devs,ops"\nt2,bob,1002\n', 'tokens.csv')
  assert.deepEqual(users.get('t1'), { name: 'alice', uid: '1001', groups: ['devs', 'ops'] })
  assert.deepEqual(users.get('t2'), { name: 'bob', uid: '1002', groups: [] })
})

test('a record with an empty token is skipped; a later duplicate token wins', () => {
  const users = parseTokenFile(',nobody,1\nt,first,1\nt,second,2\n', 'tokens.csv')
  assert.equal(users.size, 1)
  assert.equal(users.get('t')?.name, 'second')
})

test("fewer than three columns fail the whole file with kube's message", () => {
  assert.throws(() => parseTokenFile('t1,alice\n', 'tokens.csv'), { message: "token file 'tokens.csv' must have at least 3 columns (token, user name, user uid), found 2" })
})

test('a known token is its user; an unknown one is not this authenticator\'s', () => {
  const file = new TokenFile(parseTokenFile('t1,alice,1001,"devs"\n', 'tokens.csv'))
  assert.deepEqual(file.authenticateToken('t1'), { type: 'user', user: { name: 'alice', uid: '1001', groups: ['devs'] } })
  assert.deepEqual(file.authenticateToken('t2'), { type: 'none' })
})

test('a token\'s answer is built once: the same object on every request, so caches per user find it', () => {
  const file = new TokenFile(parseTokenFile('t1,alice,1001,"devs"\n', 'tokens.csv'))
  assert.equal(file.authenticateToken('t1'), file.authenticateToken('t1'))
  assert.ok(Object.isFrozen(file.authenticateToken('t1')))
})

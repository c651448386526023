import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ApiError } from '../../api/errors.js'
import { WatchQuota } from './watch-quota.js'

const jane = { name: 'jane', groups: ['system:authenticated'] }

test('a user may hold at most maxPerUser watches; ending one makes room; others are not counted', () => {
  const quota = new WatchQuota(2)
  const first = quota.hold(jane)
  quota.check(jane)
  quota.hold(jane)
  assert.throws(() => quota.check(jane), (error: unknown) => error instanceof ApiError && error.code === 429 && /too many watches open for user "jane" \(at most 2\)/.test(error.message))
  quota.check({ name: 'joe', groups: [] })
  first()
  first()
  assert.equal(quota.openCount('jane'), 1)
  quota.check(jane)
})

test('system:masters has no watch quota', () => {
  const quota = new WatchQuota(1)
  const admin = { name: 'admin', groups: ['system:masters'] }
  for (let i = 0; i < 10; i++) quota.hold(admin)
  quota.check(admin)
  assert.equal(quota.openCount('admin'), 0)
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ApiError } from '../../api/errors.js'
import { WatchQuota } from './watch-quota.js'

const jane = { name: 'jane', groups: ['system:authenticated'] }

test('a user may hold at most maxPerUser watches; closing one makes room; others are not counted', () => {
  const quota = new WatchQuota(2)
  const first = quota.open(jane)
  quota.open(jane)
  assert.throws(() => quota.open(jane), (error: unknown) => error instanceof ApiError && error.code === 429 && /too many watches open for user "jane" \(at most 2\)/.test(error.message))
  quota.open({ name: 'joe', groups: [] })
  first()
  first()
  assert.equal(quota.openCount('jane'), 1)
  quota.open(jane)
})

test('system:masters has no watch quota', () => {
  const quota = new WatchQuota(1)
  for (let i = 0; i < 10; i++) quota.open({ name: 'admin', groups: ['system:masters'] })
})

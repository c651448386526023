import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { CatchUpBudget } from './catch-up-budget.js'

/** acquires `count` pages and records which are granted, in order */
function asker(budget: CatchUpBudget, count: number): { granted: number[] } {
  const granted: number[] = []
  for (let page = 0; page < count; page += 1) {
    const wait = budget.acquire()
    if (wait) void wait.then(() => granted.push(page))
    else granted.push(page)
  }
  return { granted }
}

test('pages beyond a turn\'s budget wait for later turns, in the order asked', async () => {
  const budget = new CatchUpBudget(2)
  const { granted } = asker(budget, 5)
  assert.deepEqual(granted, [0, 1])
  await nextTurn()
  assert.deepEqual(granted, [0, 1, 2, 3])
  await nextTurn()
  assert.deepEqual(granted, [0, 1, 2, 3, 4])
})

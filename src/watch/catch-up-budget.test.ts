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

test('a turn after an accepted connection grants no pages: the next one does', async () => {
  const budget = new CatchUpBudget(2)
  const { granted } = asker(budget, 4)
  // a turn that grants, so the yield below starts a stretch
  await nextTurn()
  assert.deepEqual(granted, [0, 1, 2, 3])
  const later = asker(budget, 4)
  budget.noteConnectionAccepted()
  await nextTurn()
  assert.deepEqual(later.granted, [], 'the turn that accepted a connection reads no pages')
  await nextTurn()
  assert.deepEqual(later.granted, [0, 1])
})

test('connections arriving every turn delay catching-up watchers, never stop them', async () => {
  const budget = new CatchUpBudget(1)
  const { granted } = asker(budget, 4)
  await nextTurn()
  const startedMs = performance.now()
  while (granted.length < 4 && performance.now() - startedMs < 2_000) {
    budget.noteConnectionAccepted()
    await nextTurn()
  }
  assert.equal(granted.length, 4, 'every page is granted while connections keep arriving')
})

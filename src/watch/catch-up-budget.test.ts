import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { CatchUpBudget } from './catch-up-budget.js'

/** how many of `waiters` pages the budget grants per turn, over `turns` turns */
async function grantsPerTurn(budget: CatchUpBudget, waiters: number, turns: number, beforeTurn: (turn: number) => void = () => {}): Promise<number[]> {
  let granted = 0
  for (let i = 0; i < waiters; i++) {
    const wait = budget.acquire()
    if (wait) void wait.then(() => (granted += 1))
    else granted += 1
  }
  const perTurn = [granted]
  for (let turn = 0; turn < turns; turn++) {
    beforeTurn(turn)
    const before = granted
    // The budget's turn was scheduled first: by this one's end its grants have run.
    await nextTurn()
    perTurn.push(granted - before)
  }
  return perTurn
}

test('catch-up pages are granted a few per turn, first come first served', async () => {
  const budget = new CatchUpBudget(4)
  assert.deepEqual(await grantsPerTurn(budget, 12, 2), [4, 4, 4])
})

test('a turn that accepted a connection grants one page, so connections arriving together are each accepted sooner', async () => {
  const budget = new CatchUpBudget(4)
  const perTurn = await grantsPerTurn(budget, 20, 4, (turn) => turn < 2 && budget.noteConnection())
  assert.deepEqual(perTurn, [4, 1, 1, 4, 4])
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { runSlice } from './run-slice.js'

test('a slice runs items in order until the queue is empty, and those run leave it', () => {
  const queue = [1, 2, 3]
  const ran: number[] = []
  runSlice(queue, performance.now() + 1_000, (n) => ran.push(n))
  assert.deepEqual(ran, [1, 2, 3])
  assert.deepEqual(queue, [])
})

test('a slice past its deadline runs one item and leaves the rest queued', () => {
  const queue = [1, 2, 3]
  const ran: number[] = []
  runSlice(queue, performance.now() - 1, (n) => ran.push(n))
  assert.deepEqual(ran, [1])
  assert.deepEqual(queue, [2, 3])
})

test('items added while the slice runs go to the back and may run in it', () => {
  const queue = [1]
  const ran: number[] = []
  runSlice(queue, performance.now() + 1_000, (n) => {
    ran.push(n)
    if (n < 3) queue.push(n + 1)
  })
  assert.deepEqual(ran, [1, 2, 3])
  assert.deepEqual(queue, [])
})

test('an item that throws leaves the queue with those run before it, so none runs twice', () => {
  const queue = [1, 2, 3]
  assert.throws(() => runSlice(queue, performance.now() + 1_000, (n) => {
    if (n === 2) throw new Error('boom')
  }), /boom/)
  assert.deepEqual(queue, [3])
})

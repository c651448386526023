import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { mayBeWatch, WatchStarts } from './watch-starts.js'

const open = { socket: { destroyed: false } }

test('watch requests are told apart by their target, before parsing', () => {
  assert.equal(mayBeWatch('/api/v1/namespaces/default/pods?watch=true&resourceVersion=5'), true)
  assert.equal(mayBeWatch('/api/v1/pods?resourceVersion=5&watch=1'), true)
  assert.equal(mayBeWatch('/api/v1/watch/namespaces/default/pods'), true)
  assert.equal(mayBeWatch('/api/v1/namespaces/default/pods'), false)
  assert.equal(mayBeWatch('/api/v1/namespaces/default/configmaps/watchers'), false)
})

test('queued starts run in a later turn, in the order they came', async () => {
  const starts = new WatchStarts()
  const started: number[] = []
  for (const n of [1, 2, 3]) starts.enqueue(open, () => started.push(n))
  assert.deepEqual(started, [], 'nothing starts in the turn the requests came')
  await nextTurn()
  assert.deepEqual(started, [1, 2, 3])
})

test('a turn spends a bounded slice on starts and leaves the rest to later turns', async () => {
  const starts = new WatchStarts()
  const turnOf: number[] = []
  let turn = 0
  const busyMs = (ms: number) => { const until = performance.now() + ms; while (performance.now() < until); }
  for (let n = 0; n < 6; n += 1) starts.enqueue(open, () => { turnOf.push(turn); busyMs(3) })
  while (turnOf.length < 6 && turn < 50) {
    turn += 1
    await nextTurn()
  }
  assert.equal(turnOf.length, 6, 'every start runs')
  assert.ok(new Set(turnOf).size >= 3, `starts of 3 ms each spread over turns, saw turns ${turnOf.join(',')}`)
})

test('a watch whose client left while it waited is not started', async () => {
  const starts = new WatchStarts()
  const left = { socket: { destroyed: false } }
  const started: string[] = []
  starts.enqueue(left, () => started.push('left'))
  starts.enqueue(open, () => started.push('stayed'))
  left.socket.destroyed = true
  await nextTurn()
  assert.deepEqual(started, ['stayed'])
})

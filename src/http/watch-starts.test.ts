import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { mayBeWatch, WatchStarts } from './watch-starts.js'

const open = { socket: { destroyed: false } }
const busyMs = (ms: number) => {
  const untilMs = performance.now() + ms
  while (performance.now() < untilMs);
}

test('watch requests are told apart by their target, before parsing', () => {
  assert.equal(mayBeWatch('/api/v1/namespaces/default/pods?watch=true&resourceVersion=5'), true)
  assert.equal(mayBeWatch('/api/v1/pods?resourceVersion=5&watch=1'), true)
  assert.equal(mayBeWatch('/api/v1/watch/namespaces/default/pods'), true)
  assert.equal(mayBeWatch('/api/v1/namespaces/default/pods'), false)
  assert.equal(mayBeWatch('/api/v1/namespaces/default/configmaps/watchers'), false)
})

test('a watch starts at once while its turn has time left', () => {
  const starts = new WatchStarts()
  const started: number[] = []
  for (const n of [1, 2, 3]) starts.enqueue(open, () => started.push(n))
  assert.deepEqual(started, [1, 2, 3])
})

test('past its slice a turn leaves the starts to later turns, in the order they came', async () => {
  const starts = new WatchStarts()
  const turnOf: number[] = []
  let turn = 0
  for (let n = 0; n < 6; n += 1) starts.enqueue(open, () => { turnOf.push(turn); busyMs(3) })
  assert.equal(turnOf.length, 1, 'the first start used up the turn')
  while (turnOf.length < 6 && turn < 50) {
    turn += 1
    await nextTurn()
  }
  assert.equal(turnOf.length, 6, 'every start runs')
  assert.ok(new Set(turnOf).size >= 3, `starts of 3 ms each spread over turns, saw turns ${turnOf.join(',')}`)
  assert.deepEqual(turnOf, [...turnOf].sort((a, b) => a - b), 'in order')
})

test('a watch whose client left while it waited is not started', async () => {
  const starts = new WatchStarts()
  const left = { socket: { destroyed: false } }
  const started: string[] = []
  starts.enqueue(open, () => { started.push('first'); busyMs(2) })
  starts.enqueue(left, () => started.push('left'))
  starts.enqueue(open, () => started.push('stayed'))
  left.socket.destroyed = true
  await nextTurn()
  assert.deepEqual(started, ['first', 'stayed'])
})

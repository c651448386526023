import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ApiError } from '../../api/errors.js'
import { FairSeats, type ReleaseSeat } from './fair-seats.js'

const user = (name: string, groups: string[] = ['system:authenticated']) => ({ name, groups })
const noisy = user('noisy')
const quiet = user('quiet')

const statusOf = async (attempt: () => unknown): Promise<number | undefined> => {
  try {
    await attempt()
    return undefined
  } catch (error) {
    assert.ok(error instanceof ApiError)
    assert.equal(error.details?.retryAfterSeconds, 1)
    return error.code
  }
}

test('while seats are free anyone gets one at once', () => {
  const seats = new FairSeats({ seats: 2, queuedPerUser: 1, queueWaitMs: 1000 })
  assert.equal(typeof seats.acquire(noisy), 'function')
  assert.equal(typeof seats.acquire(quiet), 'function')
})

test('a freed seat goes to the waiting user holding the fewest, not to the one who queued first', async () => {
  const seats = new FairSeats({ seats: 2, queuedPerUser: 10, queueWaitMs: 5000 })
  const held = [seats.acquire(noisy) as ReleaseSeat, seats.acquire(noisy) as ReleaseSeat]
  const granted: string[] = []
  // each noisy request, once seated, finishes at once
  const noisyWaits = [1, 2, 3].map(async () => { const release = await seats.acquire(noisy); granted.push('noisy'); release() })
  const quietWait = (async () => { const release = await seats.acquire(quiet); granted.push('quiet'); return release })()
  held[0]!()
  const quietRelease = await quietWait
  assert.deepEqual(granted, ['quiet'])
  held[1]!()
  quietRelease()
  await Promise.all(noisyWaits)
  assert.deepEqual(granted, ['quiet', 'noisy', 'noisy', 'noisy'])
  assert.equal(seats.queuedCount(), 0)
})

test('a full queue gets 429 at once; a wait beyond the bound gets 429 and leaves the queue', async () => {
  const seats = new FairSeats({ seats: 1, queuedPerUser: 1, queueWaitMs: 50 })
  const release = seats.acquire(noisy) as ReleaseSeat
  const waiting = seats.acquire(noisy) as Promise<ReleaseSeat>
  assert.equal(await statusOf(() => seats.acquire(noisy)), 429)
  assert.equal(await statusOf(() => waiting), 429)
  assert.equal(seats.queuedCount(), 0)
  release()
  assert.equal(typeof seats.acquire(quiet), 'function', 'the seat came back')
})

test('system:masters is exempt, as in kube\'s bootstrap flow schemas', () => {
  const seats = new FairSeats({ seats: 1, queuedPerUser: 0, queueWaitMs: 10 })
  seats.acquire(noisy)
  const admin = user('kubernetes-admin', ['system:masters', 'system:authenticated'])
  for (let i = 0; i < 100; i++) assert.equal(typeof seats.acquire(admin), 'function')
})

test('releasing twice frees one seat', async () => {
  const seats = new FairSeats({ seats: 1, queuedPerUser: 0, queueWaitMs: 10 })
  const release = seats.acquire(noisy) as ReleaseSeat
  release()
  release()
  seats.acquire(quiet)
  assert.equal(await statusOf(() => seats.acquire(noisy)), 429)
})

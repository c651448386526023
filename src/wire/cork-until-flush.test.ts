import assert from 'node:assert/strict'
import { test } from 'node:test'
import { corkUntilFlush, type Corkable } from './cork-until-flush.js'

/** A stream that records when it is sent (uncorked to zero), taking `sendMs` of busy time to send. */
class RecordingStream implements Corkable {
  writableCorked = 0
  constructor(
    readonly name: string,
    private readonly sent: string[],
    private readonly sendMs = 0,
  ) {}
  cork(): void {
    this.writableCorked += 1
  }
  uncork(): void {
    if (this.writableCorked === 0) return
    this.writableCorked -= 1
    if (this.writableCorked > 0) return
    const untilMs = performance.now() + this.sendMs
    while (performance.now() < untilMs);
    this.sent.push(this.name)
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

test('a turn of writes waits for the check phase: sent once per stream, after the turn\'s own callbacks and ticks', async () => {
  const sent: string[] = []
  const stream = new RecordingStream('watch', sent)
  assert.equal(corkUntilFlush(stream), true, 'the first write begins the wait')
  assert.equal(corkUntilFlush(stream), false, 'later writes join it')
  process.nextTick(() => sent.push('response written in a tick'))
  await Promise.resolve()
  sent.push('promise continuation')
  await nextTurn()
  assert.deepEqual(sent.slice(2), ['watch'], `sent after the tick and the continuation: ${sent.join(', ')}`)
  assert.equal(stream.writableCorked, 0)
})

test('a flush that outlasts its slice leaves the rest to later turns, in the order they began waiting, each once', async () => {
  const sent: string[] = []
  // 3 ms each against a 4 ms slice: two per turn at most.
  const streams = Array.from({ length: 8 }, (_, i) => new RecordingStream(`s${i}`, sent, 3))
  for (const stream of streams) corkUntilFlush(stream)
  const sentByTurn: number[] = []
  for (let turn = 0; turn < 10 && sent.length < streams.length; turn++) {
    await nextTurn()
    sentByTurn.push(sent.length)
  }
  assert.deepEqual(sent, streams.map((s) => s.name))
  assert.ok(sentByTurn.length >= 4, `8 streams of 3 ms took ${sentByTurn.length} turns: ${sentByTurn.join(', ')}`)
  assert.ok(sentByTurn.every((count, i) => count - (sentByTurn[i - 1] ?? 0) >= 1), 'every turn sends at least one stream')
  // A stream that begins waiting while others still wait goes after them.
  const late = new RecordingStream('late', sent)
  const early = new RecordingStream('early', sent, 5)
  corkUntilFlush(early)
  corkUntilFlush(new RecordingStream('early-2', sent, 5))
  await nextTurn()
  corkUntilFlush(late)
  while (late.writableCorked > 0) await nextTurn()
  assert.deepEqual(sent.slice(-3), ['early', 'early-2', 'late'])
})

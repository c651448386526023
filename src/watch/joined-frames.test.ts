import assert from 'node:assert/strict'
import { test } from 'node:test'
import { asRevision } from '../api/resource-version.js'
import type { KubeObject } from '../api/types.js'
import type { CommitType } from '../commits/commit.js'
import type { Change } from './change.js'
import { EncodedChange } from './encoded-change.js'
import { JoinedFrames, ReplayPage } from './joined-frames.js'
import { JSON_FORMAT } from './watch-format.js'

const change = (revision: number, type: CommitType): EncodedChange => {
  const object: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${revision}`, namespace: 'default', resourceVersion: String(revision) } }
  const json = JSON.stringify(object)
  const value: Change = { revision: asRevision(revision), type, namespace: 'default', name: `cm-${revision}`, objectJson: json, object: () => object, previous: () => undefined }
  return new EncodedChange(value)
}

const run = new JoinedFrames([change(5, 'ADDED'), change(6, 'MODIFIED'), change(9, 'DELETED')])
/** what a watcher without selectors would have written frame by frame */
const oneByOne = (from: number) => Buffer.concat(run.changes.slice(from).map((c) => c.frame(c.change.type, false, JSON_FORMAT, false)))

const cases = [
  { name: 'a whole block', from: 0, revisions: [5, 6, 9] },
  { name: 'the middle onwards', from: 1, revisions: [6, 9] },
  { name: 'the last change', from: 2, revisions: [9] },
  { name: 'past the end is empty', from: 3, revisions: [] },
]
for (const c of cases) {
  test(`joined frames, ${c.name}: the same bytes as one write per event`, () => {
    const page = new ReplayPage(run, c.from)
    assert.deepEqual(page.changes.map((x) => x.change.revision), c.revisions)
    assert.equal(page.isEmpty, c.revisions.length === 0)
    assert.ok(page.joinedFrames(JSON_FORMAT).equals(oneByOne(c.from)))
    const lines = page.joinedFrames(JSON_FORMAT).toString().split('\n').filter(Boolean)
    assert.deepEqual(lines.map((line) => (JSON.parse(line) as { type: string }).type), run.changes.slice(c.from).map((x) => x.change.type))
    if (c.revisions.length > 0) assert.equal(page.lastRevision, 9)
  })
}

test('joined frames are built once per format and shared: pages are views of the same bytes', () => {
  const [a, b] = [new ReplayPage(run, 0).joinedFrames(JSON_FORMAT), new ReplayPage(run, 1).joinedFrames(JSON_FORMAT)]
  assert.equal(a.buffer, b.buffer)
  assert.equal(b.byteOffset - a.byteOffset, run.changes[0]!.frame('ADDED', false, JSON_FORMAT, false).length)
})

test('a run followed by more changes joins the same bytes as one read of them all, whether either was joined before or read joined', () => {
  const [first, more] = [[change(5, 'ADDED'), change(6, 'MODIFIED')], [change(9, 'DELETED'), change(10, 'ADDED')]]
  const whole = Buffer.concat([...first, ...more].map((c) => c.frame(c.change.type, false, JSON_FORMAT, false)))
  const joinedFirst = new JoinedFrames(first)
  joinedFirst.from(0, JSON_FORMAT)
  const readJoined = (changes: EncodedChange[]) => JoinedFrames.read(changes, {
    format: JSON_FORMAT,
    bytes: Buffer.concat(changes.map((c) => c.frame(c.change.type, false, JSON_FORMAT, false))),
    frameBytes: changes.map((c) => c.frame(c.change.type, false, JSON_FORMAT, false).length),
  })
  for (const [start, next] of [[joinedFirst, new JoinedFrames(more)], [new JoinedFrames(first), new JoinedFrames(more)], [readJoined(first), readJoined(more)]] as const) {
    const run = start.followedBy(next)
    assert.deepEqual(run.changes.map((c) => c.change.revision), [5, 6, 9, 10])
    assert.ok(run.from(0, JSON_FORMAT).equals(whole))
    assert.ok(new ReplayPage(run, 2).joinedFrames(JSON_FORMAT).equals(whole.subarray(whole.indexOf('{"type":"DELETED"'))))
  }
})

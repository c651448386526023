import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readableDiff } from './readable-diff.js'

const pod = (patch: { labels?: Record<string, string>; image?: string; containers?: object[]; rv?: string; replicas?: number; note?: string } = {}) => ({
  metadata: { name: 'web-0', resourceVersion: patch.rv ?? '1', labels: patch.labels ?? { app: 'web' }, managedFields: [{ manager: 'm', time: patch.rv ?? '1' }], ...(patch.note ? { annotations: { note: patch.note } } : {}) },
  spec: { replicas: patch.replicas ?? 1, containers: patch.containers ?? [{ name: 'c', image: patch.image ?? 'nginx:1.25' }] },
})

const cases = [
  { name: 'a changed scalar reads old → new', after: pod({ replicas: 3 }), want: ['~ spec.replicas: 1 → 3'] },
  { name: 'an added label', after: pod({ labels: { app: 'web', tier: 'web' } }), want: ['+ metadata.labels.tier: web'] },
  { name: 'a removed label', after: pod({ labels: {} }), want: ['- metadata.labels.app: web'] },
  { name: 'a key with dots is quoted', after: pod({ labels: { app: 'web', 'app.kubernetes.io/name': 'x' } }), want: ['+ metadata.labels["app.kubernetes.io/name"]: x'] },
  { name: 'array items are indexed', after: pod({ image: 'nginx:1.26' }), want: ['~ spec.containers[0].image: nginx:1.25 → nginx:1.26'] },
  {
    name: 'an added object reads as its leaves',
    after: pod({ containers: [{ name: 'c', image: 'nginx:1.25' }, { name: 'sidecar', image: 'envoy' }] }),
    want: ['+ spec.containers[1].image: envoy', '+ spec.containers[1].name: sidecar'],
  },
  { name: 'resourceVersion and managedFields are noise', after: pod({ rv: '7' }), want: [] },
  { name: 'ambiguous strings are quoted', after: pod({ note: 'true' }), want: ['+ metadata.annotations.note: "true"'] },
  { name: 'long values are cut', after: pod({ note: 'x'.repeat(300) }), want: [`+ metadata.annotations.note: ${'x'.repeat(119)}… (300 chars)`] },
]
for (const c of cases) test(`readable diff: ${c.name}`, () => assert.deepEqual(readableDiff(pod(), c.after), c.want))

test('readable diff: strings with spaces are quoted, so a line has one reading', () => {
  assert.deepEqual(readableDiff(pod(), pod({ note: 'hello world' })), ['+ metadata.annotations.note: "hello world"'])
})

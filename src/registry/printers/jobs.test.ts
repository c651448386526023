import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { KubeObject } from '../../api/types.js'
import { cronJobPrinter } from './cronjobs.js'
import { jobPrinter } from './jobs.js'

const now = Date.parse('2025-06-01T12:00:00Z')
const job = (spec: Record<string, unknown>, status: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject => ({
  metadata: { name: 'j1', creationTimestamp: '2025-06-01T11:00:00Z', ...metadata },
  spec: { template: { spec: { containers: [{ name: 'j1', image: 'busybox' }] } }, ...spec },
  status,
})

const cases: Array<{ name: string; job: KubeObject; want: unknown[] }> = [
  { name: 'not started', job: job({ completions: 1 }, {}), want: ['Running', '0/1', ''] },
  {
    name: 'running for 3m5s',
    job: job({ completions: 2, parallelism: 2 }, { startTime: '2025-06-01T11:56:55Z', succeeded: 1 }),
    want: ['Running', '1/2', '3m5s'],
  },
  {
    name: 'complete',
    job: job({ completions: 1 }, { startTime: '2025-06-01T11:00:00Z', completionTime: '2025-06-01T11:00:45Z', succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] }),
    want: ['Complete', '1/1', '45s'],
  },
  { name: 'failed', job: job({}, { conditions: [{ type: 'Failed', status: 'True' }] }), want: ['Failed', '0/1', ''] },
  { name: 'work queue with parallelism', job: job({ parallelism: 3 }, {}), want: ['Running', '0/1 of 3', ''] },
  { name: 'terminating', job: job({}, {}, { deletionTimestamp: '2025-06-01T11:59:00Z' }), want: ['Terminating', '0/1', ''] },
  { name: 'suspended', job: job({}, { conditions: [{ type: 'Suspended', status: 'True' }] }), want: ['Suspended', '0/1', ''] },
]

for (const c of cases) {
  test(`job printer: ${c.name}`, () => {
    const cells = jobPrinter.cells(c.job, now)
    assert.deepEqual(cells.slice(1, 4), c.want)
    assert.deepEqual(cells.slice(4), ['60m', 'j1', 'busybox', '<none>'])
  })
}

test('cronjob cells', () => {
  const cj: KubeObject = {
    metadata: { name: 'cj', creationTimestamp: '2025-05-29T08:00:00Z' },
    spec: { schedule: '*/5 * * * *', suspend: false, jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } } },
    status: { active: [{ name: 'cj-1' }], lastScheduleTime: '2025-06-01T11:58:00Z' },
  }
  assert.deepEqual(cronJobPrinter.cells(cj, now), ['cj', '*/5 * * * *', '<none>', 'False', 1, '2m', '3d4h', 'c', 'busybox', '<none>'])
  assert.deepEqual(cronJobPrinter.cells({ metadata: { name: 'cj' } }, now).slice(2, 6), ['<none>', '<unset>', 0, '<none>'])
})

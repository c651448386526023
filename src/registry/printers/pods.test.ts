import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { KubeObject } from '../../api/types.js'
import { podPrinter } from './pods.js'

const now = Date.parse('2025-06-01T12:00:00Z')
const created = '2025-06-01T11:59:51Z'

function pod(spec: Record<string, unknown>, status?: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject {
  return { kind: 'Pod', metadata: { name: 'x', creationTimestamp: created, ...metadata }, spec, ...(status ? { status } : {}) }
}

const one = { containers: [{ name: 'c', image: 'nginx' }] }
const running = { running: { startedAt: created } }
const ready = (extra: Record<string, unknown> = {}) => ({ name: 'c', ready: true, restartCount: 0, state: running, ...extra })

const cases: Array<{ name: string; pod: KubeObject; want: [string, string, string] }> = [
  { name: 'no status is Pending', pod: pod(one), want: ['0/1', 'Pending', '0'] },
  { name: 'running and ready', pod: pod(one, { phase: 'Running', containerStatuses: [ready()] }), want: ['1/1', 'Running', '0'] },
  {
    name: 'waiting reason wins',
    pod: pod(one, { phase: 'Running', containerStatuses: [{ name: 'c', restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: '2025-06-01T11:55:00Z' } } }] }),
    want: ['0/1', 'CrashLoopBackOff', '4 (5m ago)'],
  },
  {
    name: 'terminated without reason shows the exit code',
    pod: pod(one, { phase: 'Failed', containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 2 } } }] }),
    want: ['0/1', 'ExitCode:2', '0'],
  },
  { name: 'deletion means Terminating', pod: pod(one, { phase: 'Running', containerStatuses: [ready()] }, { deletionTimestamp: created }), want: ['1/1', 'Terminating', '0'] },
  { name: 'deletion without status is Terminating too', pod: pod(one, undefined, { deletionTimestamp: created }), want: ['0/1', 'Terminating', '0'] },
  { name: 'a finished pod stays finished while deleted', pod: pod(one, { phase: 'Succeeded' }, { deletionTimestamp: created }), want: ['0/1', 'Succeeded', '0'] },
  { name: 'NodeLost while deleted is Unknown', pod: pod(one, { phase: 'Running', reason: 'NodeLost' }, { deletionTimestamp: created }), want: ['0/1', 'Unknown', '0'] },
  { name: 'status.reason replaces the phase', pod: pod(one, { phase: 'Failed', reason: 'Evicted' }), want: ['0/1', 'Evicted', '0'] },
  {
    name: 'scheduling gates',
    pod: pod(one, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }),
    want: ['0/1', 'SchedulingGated', '0'],
  },
  {
    name: 'init containers in progress',
    pod: pod({ ...one, initContainers: [{ name: 'i1' }, { name: 'i2' }] }, {
      phase: 'Pending',
      initContainerStatuses: [{ name: 'i1', state: { terminated: { exitCode: 0 } } }, { name: 'i2', state: { running: {} } }],
      containerStatuses: [{ name: 'c', state: { waiting: { reason: 'PodInitializing' } } }],
    }),
    want: ['0/1', 'Init:1/2', '0'],
  },
  {
    name: 'a failing init container',
    pod: pod({ ...one, initContainers: [{ name: 'i1' }] }, { phase: 'Pending', initContainerStatuses: [{ name: 'i1', restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }),
    want: ['0/1', 'Init:CrashLoopBackOff', '2'],
  },
  {
    name: 'a started sidecar counts as ready and in the total',
    pod: pod({ ...one, initContainers: [{ name: 's', restartPolicy: 'Always' }] }, {
      phase: 'Running',
      conditions: [{ type: 'Initialized', status: 'True' }],
      initContainerStatuses: [{ name: 's', started: true, ready: true, restartCount: 1, state: running }],
      containerStatuses: [ready()],
    }),
    want: ['2/2', 'Running', '1'],
  },
  {
    name: 'Completed with a container still running is NotReady without the Ready condition',
    pod: pod({ containers: [{ name: 'a' }, { name: 'b' }] }, {
      phase: 'Running',
      containerStatuses: [ready({ name: 'a' }), { name: 'b', state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
    }),
    want: ['1/2', 'NotReady', '0'],
  },
]

for (const c of cases) {
  test(`pod printer: ${c.name}`, () => {
    const cells = podPrinter.cells(c.pod, now)
    assert.deepEqual(cells.slice(1, 4), c.want)
    assert.equal(cells[4], '9s')
  })
}

test('pod columns mirror kube, wide ones at priority 1', () => {
  assert.deepEqual(podPrinter.columns.map((c) => [c.name, c.priority]), [
    ['Name', 0], ['Ready', 0], ['Status', 0], ['Restarts', 0], ['Age', 0],
    ['IP', 1], ['Node', 1], ['Nominated Node', 1], ['Readiness Gates', 1],
  ])
  assert.equal(podPrinter.columns[0]?.format, 'name')
  assert.ok(podPrinter.columns.every((c) => c.type === 'string' && c.description !== ''))
})

test('pod wide cells: IP, node, nominated node, readiness gates', () => {
  const p = pod({ ...one, nodeName: 'n1', readinessGates: [{ conditionType: 'g1' }, { conditionType: 'g2' }] }, {
    phase: 'Running', podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.7' }],
    conditions: [{ type: 'g1', status: 'True' }, { type: 'g2', status: 'False' }],
  })
  assert.deepEqual(podPrinter.cells(p, now).slice(5), ['10.0.0.7', 'n1', '<none>', '1/2'])
  assert.deepEqual(podPrinter.cells(pod(one), now).slice(5), ['<none>', '<none>', '<none>', '<none>'])
})

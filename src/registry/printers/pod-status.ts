import type { KubeObject } from '../../api/types.js'
import { humanDuration } from './duration.js'
import { valueAt } from '../../api/selectors.js'
import { int, isSet, items, text } from './fields.js'

// The READY, STATUS and RESTARTS cells of a pod, ported from printers.go printPod: the reason
// walks init containers first, then containers from last to first, then deletion.

export interface PodSummary {
  /** `ready/total`, restartable (sidecar) init containers included */
  ready: string
  /** Running, Pending, Init:0/1, CrashLoopBackOff, Completed, Terminating, … */
  status: string
  /** `3`, or `3 (5m ago)` when a container has terminated before */
  restarts: string
}

interface Tally {
  reason: string
  ready: number
  restarts: number
  /** latest lastState.terminated.finishedAt seen, epoch ms; 0 for none */
  lastRestartMs: number
}

export function summarizePod(pod: KubeObject, nowMs: number): PodSummary {
  // kube's pod strategy sets phase Pending on create; a pod stored without status reads the same.
  const phase = text(pod, 'status.phase') || 'Pending'
  const tally: Tally = { reason: text(pod, 'status.reason') || phase, ready: 0, restarts: 0, lastRestartMs: 0 }
  const conditions = items(pod, 'status.conditions')
  if (conditions.some((c) => text(c, 'type') === 'PodScheduled' && text(c, 'reason') === 'SchedulingGated')) {
    tally.reason = 'SchedulingGated'
  }
  const sidecars = new Set(items(pod, 'spec.initContainers').filter(isRestartable).map((c) => text(c, 'name')))
  const init = tallyInitContainers(pod, sidecars, tally)
  if (!init.isInitializing || hasCondition(conditions, 'Initialized')) {
    tally.restarts = init.sidecarRestarts
    tally.lastRestartMs = init.sidecarLastRestartMs
    tallyContainers(pod, conditions, tally)
  }
  applyDeletion(pod, phase, tally)
  const total = items(pod, 'spec.containers').length + sidecars.size
  const restarts = tally.restarts !== 0 && tally.lastRestartMs > 0
    ? `${tally.restarts} (${humanDuration(nowMs - tally.lastRestartMs)} ago)`
    : String(tally.restarts)
  return { ready: `${tally.ready}/${total}`, status: tally.reason, restarts }
}

function tallyInitContainers(pod: KubeObject, sidecars: Set<string>, tally: Tally) {
  const initCount = items(pod, 'spec.initContainers').length
  const result = { isInitializing: false, sidecarRestarts: 0, sidecarLastRestartMs: 0 }
  for (const [i, c] of items(pod, 'status.initContainerStatuses').entries()) {
    const isSidecar = sidecars.has(text(c, 'name'))
    tally.restarts += int(c, 'restartCount')
    tally.lastRestartMs = Math.max(tally.lastRestartMs, lastFinishedMs(c))
    if (isSidecar) {
      result.sidecarRestarts += int(c, 'restartCount')
      result.sidecarLastRestartMs = Math.max(result.sidecarLastRestartMs, lastFinishedMs(c))
    }
    if (isTerminated(c) && int(c, 'state.terminated.exitCode') === 0) continue
    if (isSidecar && valueAt(c, 'started') === true) {
      if (valueAt(c, 'ready') === true) tally.ready++
      continue
    }
    tally.reason = initReason(c, i, initCount)
    result.isInitializing = true
    break
  }
  return result
}

function initReason(c: unknown, index: number, initCount: number): string {
  const waitingReason = text(c, 'state.waiting.reason')
  if (isTerminated(c)) {
    const reason = text(c, 'state.terminated.reason')
    if (reason) return `Init:${reason}`
    const signal = int(c, 'state.terminated.signal')
    return signal !== 0 ? `Init:Signal:${signal}` : `Init:ExitCode:${int(c, 'state.terminated.exitCode')}`
  }
  if (waitingReason && waitingReason !== 'PodInitializing') return `Init:${waitingReason}`
  return `Init:${index}/${initCount}`
}

function tallyContainers(pod: KubeObject, conditions: unknown[], tally: Tally): void {
  let hasRunning = false
  for (const c of [...items(pod, 'status.containerStatuses')].reverse()) {
    tally.restarts += int(c, 'restartCount')
    tally.lastRestartMs = Math.max(tally.lastRestartMs, lastFinishedMs(c))
    const waitingReason = text(c, 'state.waiting.reason')
    const terminatedReason = text(c, 'state.terminated.reason')
    if (waitingReason) tally.reason = waitingReason
    else if (terminatedReason) tally.reason = terminatedReason
    else if (isTerminated(c)) {
      const signal = int(c, 'state.terminated.signal')
      tally.reason = signal !== 0 ? `Signal:${signal}` : `ExitCode:${int(c, 'state.terminated.exitCode')}`
    } else if (valueAt(c, 'ready') === true && isSet(c, 'state.running')) {
      hasRunning = true
      tally.ready++
    }
  }
  // A pod whose last container completed while another still runs is still running.
  if (tally.reason === 'Completed' && hasRunning) tally.reason = hasCondition(conditions, 'Ready') ? 'Running' : 'NotReady'
}

function applyDeletion(pod: KubeObject, phase: string, tally: Tally): void {
  if (!pod.metadata.deletionTimestamp) return
  // node.NodeUnreachablePodReason: the node controller marks pods on a lost node.
  if (text(pod, 'status.reason') === 'NodeLost') tally.reason = 'Unknown'
  else if (phase !== 'Succeeded' && phase !== 'Failed') tally.reason = 'Terminating'
}

const isRestartable = (c: unknown) => text(c, 'restartPolicy') === 'Always'
const isTerminated = (c: unknown) => isSet(c, 'state.terminated')
const hasCondition = (conditions: unknown[], type: string) =>
  conditions.some((c) => text(c, 'type') === type && text(c, 'status') === 'True')

function lastFinishedMs(c: unknown): number {
  const ms = Date.parse(text(c, 'lastState.terminated.finishedAt'))
  return Number.isNaN(ms) ? 0 : ms
}

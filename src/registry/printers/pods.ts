import type { KubeObject } from '../../api/types.js'
import { timeSince } from './duration.js'
import { items, text } from './fields.js'
import { summarizePod } from './pod-status.js'
import { ageColumn, column, nameColumn, wideColumn } from './printer.js'
import type { Printer } from './printer.js'

// printers.go podColumnDefinitions / printPod.
export const podPrinter: Printer = {
  columns: [
    nameColumn,
    column('Ready', { text: 'The aggregate readiness state of this pod for accepting traffic.' }),
    column('Status', { text: 'The aggregate status of the containers in this pod.' }),
    column('Restarts', { text: 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.' }),
    ageColumn,
    wideColumn('IP', 'PodStatus.podIP'),
    wideColumn('Node', 'PodSpec.nodeName'),
    wideColumn('Nominated Node', 'PodStatus.nominatedNodeName'),
    wideColumn('Readiness Gates', 'PodSpec.readinessGates'),
  ],
  cells(pod, nowMs) {
    const { ready, status, restarts } = summarizePod(pod, nowMs)
    return [
      pod.metadata.name ?? '', ready, status, restarts, timeSince(pod.metadata.creationTimestamp, nowMs),
      // The internal type has only podIPs; fall back to podIP for objects written without them.
      text(pod, 'status.podIPs.0.ip') || text(pod, 'status.podIP') || '<none>',
      text(pod, 'spec.nodeName') || '<none>',
      text(pod, 'status.nominatedNodeName') || '<none>',
      readinessGates(pod),
    ]
  },
}

/** `true/total` of spec.readinessGates, `<none>` without gates. */
function readinessGates(pod: KubeObject): string {
  const gates = items(pod, 'spec.readinessGates')
  if (gates.length === 0) return '<none>'
  const conditions = items(pod, 'status.conditions')
  const trueCount = gates.filter((g) => {
    const condition = conditions.find((c) => text(c, 'type') === text(g, 'conditionType'))
    return condition !== undefined && text(condition, 'status') === 'True'
  }).length
  return `${trueCount}/${gates.length}`
}

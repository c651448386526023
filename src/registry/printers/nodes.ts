import type { KubeObject } from '../../api/types.js'
import { valueAt } from '../../api/selectors.js'
import { timeSince } from './duration.js'
import { items, text } from './fields.js'
import { ageColumn, column, nameColumn, wideColumn } from './printer.js'
import type { Printer } from './printer.js'

// printers.go nodeColumnDefinitions / printNode.
export const nodePrinter: Printer = {
  columns: [
    nameColumn,
    column('Status', { text: 'The status of the node' }),
    column('Roles', { text: 'The roles of the node' }),
    ageColumn,
    column('Version', 'NodeSystemInfo.kubeletVersion'),
    wideColumn('Internal-IP', 'NodeStatus.addresses'),
    wideColumn('External-IP', 'NodeStatus.addresses'),
    wideColumn('OS-Image', 'NodeSystemInfo.osImage'),
    wideColumn('Kernel-Version', 'NodeSystemInfo.kernelVersion'),
    wideColumn('Container-Runtime', 'NodeSystemInfo.containerRuntimeVersion'),
  ],
  cells(node, nowMs) {
    return [
      node.metadata.name ?? '',
      nodeStatus(node),
      nodeRoles(node),
      timeSince(node.metadata.creationTimestamp, nowMs),
      text(node, 'status.nodeInfo.kubeletVersion'),
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      text(node, 'status.nodeInfo.osImage') || '<unknown>',
      text(node, 'status.nodeInfo.kernelVersion') || '<unknown>',
      text(node, 'status.nodeInfo.containerRuntimeVersion') || '<unknown>',
    ]
  },
}

/** Ready / NotReady / Unknown from the last Ready condition, plus SchedulingDisabled when cordoned. */
function nodeStatus(node: KubeObject): string {
  const ready = items(node, 'status.conditions').filter((c) => text(c, 'type') === 'Ready').at(-1)
  const status = ready === undefined ? ['Unknown'] : [text(ready, 'status') === 'True' ? 'Ready' : 'NotReady']
  if (valueAt(node, 'spec.unschedulable') === true) status.push('SchedulingDisabled')
  return status.join(',')
}

const ROLE_PREFIX = 'node-role.kubernetes.io/'

/** node-role.kubernetes.io/<role> label keys and the kubernetes.io/role label value, sorted. */
function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>()
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith(ROLE_PREFIX) && key.length > ROLE_PREFIX.length) roles.add(key.slice(ROLE_PREFIX.length))
    else if (key === 'kubernetes.io/role' && value !== '') roles.add(value)
  }
  return roles.size > 0 ? [...roles].sort().join(',') : '<none>'
}

function nodeAddress(node: KubeObject, type: string): string {
  const address = items(node, 'status.addresses').find((a) => text(a, 'type') === type)
  return address === undefined ? '<none>' : text(address, 'address')
}

import { valueAt } from '../../api/selectors.js'
import { timeSince } from './duration.js'
import { ageColumn, column, nameColumn } from './printer.js'
import type { Printer } from './printer.js'
import { formatLabelSelector } from './workload-cells.js'

// printers.go networkPolicyColumnDefinitioins / printNetworkPolicy: an empty podSelector (all pods) prints `<none>`.
export const networkPolicyPrinter: Printer = {
  columns: [nameColumn, column('Pod-Selector', 'NetworkPolicySpec.podSelector'), ageColumn],
  cells(policy, nowMs) {
    return [policy.metadata.name ?? '', formatLabelSelector(valueAt(policy, 'spec.podSelector')), timeSince(policy.metadata.creationTimestamp, nowMs)]
  },
}

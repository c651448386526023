import { valueAt } from '../../api/selectors.js'
import { timeSince } from './duration.js'
import { int } from './fields.js'
import { ageColumn, column, containersColumn, imagesColumn, nameColumn, wideColumn } from './printer.js'
import type { Printer } from './printer.js'
import { containerCells, formatLabelSelector } from './workload-cells.js'

// printers.go replicaSetColumnDefinitions / printReplicaSet.
export const replicaSetPrinter: Printer = {
  columns: [
    nameColumn,
    column('Desired', 'ReplicaSetSpec.replicas', { type: 'integer' }),
    column('Current', 'ReplicaSetStatus.replicas', { type: 'integer' }),
    column('Ready', 'ReplicaSetStatus.readyReplicas', { type: 'integer' }),
    ageColumn,
    containersColumn,
    imagesColumn,
    wideColumn('Selector', 'ReplicaSetSpec.selector'),
  ],
  cells(rs, nowMs) {
    return [
      rs.metadata.name ?? '',
      // spec.replicas defaults to 1 in kube.
      int(rs, 'spec.replicas', 1),
      int(rs, 'status.replicas'),
      int(rs, 'status.readyReplicas'),
      timeSince(rs.metadata.creationTimestamp, nowMs),
      ...containerCells(rs, 'spec.template.spec.containers'),
      formatLabelSelector(valueAt(rs, 'spec.selector')),
    ]
  },
}

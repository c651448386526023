import { valueAt } from '../../api/selectors.js'
import { timeSince } from './duration.js'
import { int } from './fields.js'
import { ageColumn, column, containersColumn, imagesColumn, nameColumn, wideColumn } from './printer.js'
import type { Printer } from './printer.js'
import { containerCells, formatLabels } from './workload-cells.js'

// printers.go replicationControllerColumnDefinitions / printReplicationController. The selector
// is a plain label map, printed with labels.FormatLabels.
export const replicationControllerPrinter: Printer = {
  columns: [
    nameColumn,
    column('Desired', 'ReplicationControllerSpec.replicas', { type: 'integer' }),
    column('Current', 'ReplicationControllerStatus.replicas', { type: 'integer' }),
    column('Ready', 'ReplicationControllerStatus.readyReplicas', { type: 'integer' }),
    ageColumn,
    containersColumn,
    imagesColumn,
    wideColumn('Selector', 'ReplicationControllerSpec.selector'),
  ],
  cells(rc, nowMs) {
    return [
      rc.metadata.name ?? '',
      // spec.replicas defaults to 1 (SetDefaults_ReplicationController).
      int(rc, 'spec.replicas', 1),
      int(rc, 'status.replicas'),
      int(rc, 'status.readyReplicas'),
      timeSince(rc.metadata.creationTimestamp, nowMs),
      ...containerCells(rc, 'spec.template.spec.containers'),
      formatLabels(valueAt(rc, 'spec.selector')),
    ]
  },
}

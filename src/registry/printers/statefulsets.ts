import { timeSince } from './duration.js'
import { int } from './fields.js'
import { ageColumn, column, containersColumn, imagesColumn, nameColumn } from './printer.js'
import type { Printer } from './printer.js'
import { containerCells } from './workload-cells.js'

// printers.go statefulSetColumnDefinitions / printStatefulSet.
export const statefulSetPrinter: Printer = {
  columns: [
    nameColumn,
    column('Ready', { text: 'Number of the pod with ready state' }),
    ageColumn,
    containersColumn,
    imagesColumn,
  ],
  cells(sts, nowMs) {
    return [
      sts.metadata.name ?? '',
      // spec.replicas defaults to 1 in kube.
      `${int(sts, 'status.readyReplicas')}/${int(sts, 'spec.replicas', 1)}`,
      timeSince(sts.metadata.creationTimestamp, nowMs),
      ...containerCells(sts, 'spec.template.spec.containers'),
    ]
  },
}

import { valueAt } from '../../api/selectors.js'
import { timeSince } from './duration.js'
import { int } from './fields.js'
import { ageColumn, column, containersColumn, imagesColumn, nameColumn, wideColumn } from './printer.js'
import type { Printer } from './printer.js'
import { containerCells, formatLabels, formatLabelSelector } from './workload-cells.js'

const integer = { type: 'integer' } as const

// printers.go daemonSetColumnDefinitions / printDaemonSet.
export const daemonSetPrinter: Printer = {
  columns: [
    nameColumn,
    column('Desired', 'DaemonSetStatus.desiredNumberScheduled', integer),
    column('Current', 'DaemonSetStatus.currentNumberScheduled', integer),
    column('Ready', 'DaemonSetStatus.numberReady', integer),
    column('Up-to-date', 'DaemonSetStatus.updatedNumberScheduled', integer),
    column('Available', 'DaemonSetStatus.numberAvailable', integer),
    column('Node Selector', 'PodSpec.nodeSelector'),
    ageColumn,
    containersColumn,
    imagesColumn,
    wideColumn('Selector', 'DaemonSetSpec.selector'),
  ],
  cells(ds, nowMs) {
    return [
      ds.metadata.name ?? '',
      int(ds, 'status.desiredNumberScheduled'),
      int(ds, 'status.currentNumberScheduled'),
      int(ds, 'status.numberReady'),
      int(ds, 'status.updatedNumberScheduled'),
      int(ds, 'status.numberAvailable'),
      formatLabels(valueAt(ds, 'spec.template.spec.nodeSelector')),
      timeSince(ds.metadata.creationTimestamp, nowMs),
      ...containerCells(ds, 'spec.template.spec.containers'),
      formatLabelSelector(valueAt(ds, 'spec.selector')),
    ]
  },
}

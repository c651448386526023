import { valueAt } from '../../api/selectors.js'
import { timeSince } from './duration.js'
import { int, text } from './fields.js'
import { ageColumn, column, nameColumn } from './printer.js'
import type { Printer } from './printer.js'

// printers.go priorityClassColumnDefinitions / printPriorityClass. PreemptionPolicy is declared
// without priority, so `kubectl get pc` shows it by default (the server always renders wide cells).
export const priorityClassPrinter: Printer = {
  columns: [
    nameColumn,
    column('Value', 'PriorityClass.value', { type: 'integer' }),
    column('Global-Default', 'PriorityClass.globalDefault', { type: 'boolean' }),
    ageColumn,
    column('PreemptionPolicy', 'PriorityClass.preemptionPolicy'),
  ],
  cells(pc, nowMs) {
    return [
      pc.metadata.name ?? '',
      int(pc, 'value'),
      valueAt(pc, 'globalDefault') === true,
      timeSince(pc.metadata.creationTimestamp, nowMs),
      text(pc, 'preemptionPolicy'),
    ]
  },
}

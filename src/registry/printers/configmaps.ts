import { timeSince } from './duration.js'
import { entryCount } from './fields.js'
import { ageColumn, column, nameColumn } from './printer.js'
import type { Printer } from './printer.js'

// printers.go configMapColumnDefinitions / printConfigMap: DATA counts data and binaryData keys.
export const configMapPrinter: Printer = {
  columns: [nameColumn, column('Data', 'ConfigMap.data'), ageColumn],
  cells(cm, nowMs) {
    return [cm.metadata.name ?? '', entryCount(cm, 'data') + entryCount(cm, 'binaryData'), timeSince(cm.metadata.creationTimestamp, nowMs)]
  },
}

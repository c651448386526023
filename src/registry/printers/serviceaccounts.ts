import { timeSince } from './duration.js'
import { items } from './fields.js'
import { ageColumn, column, nameColumn } from './printer.js'
import type { Printer } from './printer.js'

// printers.go serviceAccountColumnDefinitions / printServiceAccount.
export const serviceAccountPrinter: Printer = {
  columns: [nameColumn, column('Secrets', 'ServiceAccount.secrets'), ageColumn],
  cells(sa, nowMs) {
    return [sa.metadata.name ?? '', items(sa, 'secrets').length, timeSince(sa.metadata.creationTimestamp, nowMs)]
  },
}

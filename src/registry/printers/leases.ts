import { timeSince } from './duration.js'
import { text } from './fields.js'
import { ageColumn, column, nameColumn } from './printer.js'
import type { Printer } from './printer.js'

// printers.go leaseColumnDefinitions / printLease.
export const leasePrinter: Printer = {
  columns: [nameColumn, column('Holder', 'LeaseSpec.holderIdentity'), ageColumn],
  cells(lease, nowMs) {
    return [lease.metadata.name ?? '', text(lease, 'spec.holderIdentity'), timeSince(lease.metadata.creationTimestamp, nowMs)]
  },
}

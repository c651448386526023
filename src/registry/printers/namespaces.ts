import { timeSince } from './duration.js'
import { text } from './fields.js'
import { ageColumn, column, nameColumn } from './printer.js'
import type { Printer } from './printer.js'

// printers.go namespaceColumnDefinitions / printNamespace.
export const namespacePrinter: Printer = {
  columns: [nameColumn, column('Status', { text: 'The status of the namespace' }), ageColumn],
  cells(ns, nowMs) {
    // kube's namespace strategy sets phase Active on create; one stored without status reads the same.
    return [ns.metadata.name ?? '', text(ns, 'status.phase') || 'Active', timeSince(ns.metadata.creationTimestamp, nowMs)]
  },
}

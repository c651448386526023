import { timeSince } from './duration.js'
import { entryCount, text } from './fields.js'
import { ageColumn, column, nameColumn } from './printer.js'
import type { Printer } from './printer.js'

// printers.go secretColumnDefinitions / printSecret. DATA counts `data` only: kube folds
// stringData into data before storing.
export const secretPrinter: Printer = {
  columns: [nameColumn, column('Type', 'Secret.type'), column('Data', 'Secret.data'), ageColumn],
  cells(secret, nowMs) {
    return [
      secret.metadata.name ?? '',
      // type defaults to Opaque in kube.
      text(secret, 'type') || 'Opaque',
      entryCount(secret, 'data'),
      timeSince(secret.metadata.creationTimestamp, nowMs),
    ]
  },
}

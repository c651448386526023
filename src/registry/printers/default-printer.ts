import { timeSince } from './duration.js'
import { column, nameColumn } from './printer.js'
import type { Printer } from './printer.js'

// What apiextensions' tableconvertor serves for a kind without printer columns: Name, and an Age
// column declared type "date" whose cell the server has already humanised (cellForJSONValue).
export const defaultPrinter: Printer = {
  columns: [nameColumn, column('Age', 'ObjectMeta.creationTimestamp', { type: 'date' })],
  cells(obj, nowMs) {
    return [obj.metadata.name ?? '', timeSince(obj.metadata.creationTimestamp, nowMs)]
  },
}

import { valueAt } from '../../api/selectors.js'
import { timeSince } from './duration.js'
import { int } from './fields.js'
import { ageColumn, column, nameColumn } from './printer.js'
import type { Printer } from './printer.js'

/** IntOrString.String() of a set field, `N/A` when unset. */
function intOrStringCell(value: unknown): string {
  return typeof value === 'number' || typeof value === 'string' ? String(value) : 'N/A'
}

// printers.go podDisruptionBudgetColumnDefinitions / printPodDisruptionBudget.
export const podDisruptionBudgetPrinter: Printer = {
  columns: [
    nameColumn,
    column('Min Available', { text: 'The minimum number of pods that must be available.' }),
    column('Max Unavailable', { text: 'The maximum number of pods that may be unavailable.' }),
    column('Allowed Disruptions', { text: 'Calculated number of pods that may be disrupted at this time.' }, { type: 'integer' }),
    ageColumn,
  ],
  cells(pdb, nowMs) {
    return [
      pdb.metadata.name ?? '',
      intOrStringCell(valueAt(pdb, 'spec.minAvailable')),
      intOrStringCell(valueAt(pdb, 'spec.maxUnavailable')),
      int(pdb, 'status.disruptionsAllowed'),
      timeSince(pdb.metadata.creationTimestamp, nowMs),
    ]
  },
}

import { column, nameColumn } from './printer.js'
import type { Printer } from './printer.js'

// Go's zero time.Time in RFC 3339: what kube prints for an object without a creation time.
const ZERO_TIME = '0001-01-01T00:00:00Z'

/** metav1.Time.UTC().Format(time.RFC3339): whole seconds, `Z`. */
function rfc3339(timestamp: unknown): string {
  const ms = typeof timestamp === 'string' ? Date.parse(timestamp) : NaN
  return Number.isNaN(ms) ? ZERO_TIME : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

// rest.NewDefaultTableConvertor (k8s: staging/src/k8s.io/apiserver/pkg/registry/rest/table.go):
// what kube serves for the built-in kinds printers.go has no handler for (roles, cluster roles,
// limit ranges: their storage.go says "TODO: define table converter that exposes more than
// name/creation timestamp"). The date cell is the timestamp itself; kubectl prints it as it is.
export const createdAtPrinter: Printer = {
  columns: [nameColumn, column('Created At', 'ObjectMeta.creationTimestamp', { type: 'date' })],
  cells: (obj) => [obj.metadata.name ?? '', rfc3339(obj.metadata.creationTimestamp)],
}

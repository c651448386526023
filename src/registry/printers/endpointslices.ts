import type { KubeObject } from '../../api/types.js'
import { valueAt } from '../../api/selectors.js'
import { timeSince } from './duration.js'
import { isSet, items, text } from './fields.js'
import { ageColumn, column, nameColumn } from './printer.js'
import type { Printer } from './printer.js'

const SHOWN = 3

/** listWithMoreString: the first three, then `+ N more...`; `<unset>` when empty. */
function listWithMore(values: string[]): string {
  if (values.length === 0) return '<unset>'
  const shown = values.slice(0, SHOWN).join(',')
  return values.length > SHOWN ? `${shown} + ${values.length - SHOWN} more...` : shown
}

/** formatDiscoveryPorts: each port's number, else its name, else `*` (all ports). */
function portsCell(slice: KubeObject): string {
  return listWithMore(items(slice, 'ports').map((p) => (isSet(p, 'port') ? String(valueAt(p, 'port')) : isSet(p, 'name') ? text(p, 'name') : '*')))
}

/** formatDiscoveryEndpoints: every address of every endpoint. */
function endpointsCell(slice: KubeObject): string {
  return listWithMore(items(slice, 'endpoints').flatMap((e) => items(e, 'addresses').map(String)))
}

// printers.go endpointSliceColumnDefinitions / printEndpointSlice.
export const endpointSlicePrinter: Printer = {
  columns: [
    nameColumn,
    column('AddressType', 'EndpointSlice.addressType'),
    column('Ports', 'EndpointSlice.ports'),
    column('Endpoints', 'EndpointSlice.endpoints'),
    ageColumn,
  ],
  cells(slice, nowMs) {
    return [slice.metadata.name ?? '', text(slice, 'addressType'), portsCell(slice), endpointsCell(slice), timeSince(slice.metadata.creationTimestamp, nowMs)]
  },
}

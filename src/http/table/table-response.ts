import type { KubeObject } from '../../api/types.js'
import type { Printer } from '../../registry/printers/printer.js'
import { columnDefinitions, toTableRow } from '../../registry/printers/to-table.js'
import type { ResourceDefinition } from '../../registry/resource-definition.js'
import type { StoredObject } from '../../storage/storage.js'
import type { ListedObject } from '../../registry/verbs/list.js'
import type { WatchFormat } from '../../watch/watch-format.js'
import { listMetadata, type ListFraming } from '../list-framing.js'
import type { IncludeObject } from './presentation.js'

const TABLE_HEAD = '{"kind":"Table","apiVersion":"meta.k8s.io/v1"'

// Printers never change: each one's column definitions are serialized once.
const columnsJsonByPrinter = new WeakMap<Printer, string>()
function columnsJson(printer: Printer): string {
  let json = columnsJsonByPrinter.get(printer)
  if (json === undefined) columnsJsonByPrinter.set(printer, (json = JSON.stringify(columnDefinitions(printer))))
  return json
}

/** One response's rendering: the kind's printer, looked up once, and what each row carries. */
function tableRenderer(definition: ResourceDefinition, includeObject: IncludeObject) {
  const printer = definition.printer
  return {
    columns: columnsJson(printer),
    row: (object: KubeObject) => JSON.stringify(toTableRow(printer, object, includeObject, Date.now())),
  }
}

/** `kubectl get pod x`: a Table with one row. */
export function tableOfOne(definition: ResourceDefinition, stored: StoredObject, includeObject: IncludeObject): string {
  const table = tableRenderer(definition, includeObject)
  const object = JSON.parse(stored.json) as KubeObject
  return `${TABLE_HEAD},"metadata":{"resourceVersion":"${stored.revision}"},"columnDefinitions":${table.columns},"rows":[${table.row(object)}]}`
}

/** `kubectl get pods`: the list as a Table, rows streamed like list items. */
export function tableListWriter(definition: ResourceDefinition, includeObject: IncludeObject): ListFraming {
  const table = tableRenderer(definition, includeObject)
  return {
    head: (rv, token) => `${TABLE_HEAD},"metadata":${listMetadata(rv, token)},"columnDefinitions":${table.columns},"rows":[`,
    item: (listed: ListedObject) => table.row(listed.object ?? (JSON.parse(listed.stored.json) as KubeObject)),
    tail: ']}',
  }
}

/**
 * `kubectl get -w`: each event's object is a one-row Table; column definitions only in the first
 * (kube: NoHeaders after the first event, handlers/response.go).
 */
export function tableWatchFormat(definition: ResourceDefinition, includeObject: IncludeObject): WatchFormat {
  const table = tableRenderer(definition, includeObject)
  return {
    key: `table:${definition.group}/${definition.version}/${definition.plural}:${includeObject}`,
    isFirstEventSpecial: true,
    render: (source, isFirstEvent) => {
      const object = source.object()
      return `${TABLE_HEAD},"metadata":{"resourceVersion":"${object.metadata.resourceVersion ?? ''}"},"columnDefinitions":${isFirstEvent ? table.columns : 'null'},"rows":[${table.row(object)}]}`
    },
  }
}

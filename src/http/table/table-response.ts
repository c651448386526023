import type { KubeObject } from '../../api/types.js'
import { printerFor } from '../../registry/printers/printer-for.js'
import { columnDefinitions, toTableRow } from '../../registry/printers/to-table.js'
import type { ResourceDefinition } from '../../registry/resource-definition.js'
import type { StoredObject } from '../../storage/storage.js'
import type { ListedObject } from '../../registry/verbs/list.js'
import type { WatchFormat } from '../../watch/watch-format.js'
import { listMetadata, type ListFraming } from '../list-framing.js'
import type { IncludeObject } from './presentation.js'

const TABLE_HEAD = '{"kind":"Table","apiVersion":"meta.k8s.io/v1"'

function rowJson(definition: ResourceDefinition, object: KubeObject, includeObject: IncludeObject): string {
  return JSON.stringify(toTableRow(printerFor(definition.plural, definition.group), object, includeObject, Date.now()))
}

const columnsJson = (definition: ResourceDefinition) =>
  JSON.stringify(columnDefinitions(printerFor(definition.plural, definition.group)))

/** `kubectl get pod x`: a Table with one row. */
export function tableOfOne(definition: ResourceDefinition, stored: StoredObject, includeObject: IncludeObject): string {
  const object = JSON.parse(stored.json) as KubeObject
  return `${TABLE_HEAD},"metadata":{"resourceVersion":"${stored.revision}"},"columnDefinitions":${columnsJson(definition)},"rows":[${rowJson(definition, object, includeObject)}]}`
}

/** `kubectl get pods`: the list as a Table, rows streamed like list items. */
export function tableListWriter(definition: ResourceDefinition, includeObject: IncludeObject): ListFraming {
  return {
    head: (rv, token) => `${TABLE_HEAD},"metadata":${listMetadata(rv, token)},"columnDefinitions":${columnsJson(definition)},"rows":[`,
    item: (listed: ListedObject) => rowJson(definition, listed.object ?? (JSON.parse(listed.stored.json) as KubeObject), includeObject),
    tail: ']}',
  }
}

/**
 * `kubectl get -w`: each event's object is a one-row Table; column definitions only in the first
 * (kube: NoHeaders after the first event, handlers/response.go).
 */
export function tableWatchFormat(definition: ResourceDefinition, includeObject: IncludeObject): WatchFormat {
  return {
    key: `table:${definition.group}/${definition.plural}:${includeObject}`,
    isFirstEventSpecial: true,
    render: (objectOf, _json, isFirstEvent) => {
      const object = objectOf()
      return `${TABLE_HEAD},"metadata":{"resourceVersion":"${object.metadata.resourceVersion ?? ''}"},"columnDefinitions":${isFirstEvent ? columnsJson(definition) : 'null'},"rows":[${rowJson(definition, object, includeObject)}]}`
    },
  }
}

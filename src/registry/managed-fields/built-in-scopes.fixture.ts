import type { KubeObject } from '../../api/types.js'
import { BUILTIN_RESOURCES } from '../builtin-resources.js'
import { goEmptyFieldsOf } from '../openapi/go-empty-fields.js'
import { buildOpenApiV3 } from '../openapi/openapi-v3.js'
import { typeDescriptionFromOpenApi } from '../type-description/from-openapi.js'
import type { FieldManagerScope } from './field-manager.js'
import { resetFieldsFilter } from './reset-fields.js'

/** The built-in kinds' real schemas, as the server reads them. */
const openApi = buildOpenApiV3(BUILTIN_RESOURCES)
const options = { emptyValueFieldsOf: goEmptyFieldsOf }

/** A field manager scope for a built-in kind, as the verbs build it. */
export function builtInScope(kind: string, change: Partial<FieldManagerScope> = {}): FieldManagerScope {
  const definition = BUILTIN_RESOURCES.find((d) => d.kind === kind)!
  const ignore = resetFieldsFilter(definition.subresources.status !== undefined, change.subresource)
  return {
    type: typeDescriptionFromOpenApi(openApi.schemas(), definition.schemaName, options),
    apiVersion: definition.group ? `${definition.group}/${definition.version}` : definition.version,
    kind,
    manager: 'test',
    nowIso: '2026-01-01T00:00:00Z',
    ...(ignore ? { ignore } : {}),
    ...change,
  }
}

/** The managedFields of an object as `manager operation: fieldsV1 JSON` lines, in their order. */
export function managedLines(object: KubeObject): string[] {
  return (object.metadata.managedFields ?? []).map((e) =>
    `${e.manager} ${e.operation}${e.subresource ? ` ${e.subresource}` : ''}${e.time ? ` @${e.time}` : ''}: ${JSON.stringify(e.fieldsV1)}`)
}

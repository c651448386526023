import { isJsonObject } from '../../api/json-object.js'

export const REF_PREFIX = '#/components/schemas/'

export const componentRef = (name: string) => `${REF_PREFIX}${name}`

/**
 * The component a schema node names: kube writes a field of a named type as `allOf: [{ $ref }]`
 * (so it can carry a default) and a bare `$ref` otherwise. Undefined when it names none.
 */
export function referencedSchemaName(node: Record<string, unknown>): string | undefined {
  const allOf = node['allOf']
  const target = Array.isArray(allOf) && allOf.length === 1 && isJsonObject(allOf[0]) ? allOf[0] : node
  const ref = target['$ref']
  return typeof ref === 'string' && ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : undefined
}

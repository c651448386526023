import { BUILTIN_RESOURCES } from '../registry/builtin-resources.js'
import { qualifiedName, type ResourceDefinition } from '../registry/resource-definition.js'
import { CliError } from './cli-error.js'

/** A resource type as the log knows it. */
export interface ResolvedResourceType {
  /** storage key: `pods`, `apps/deployments` */
  storageResource: string
  isNamespaced: boolean
  /** `pods`, `deployments.apps`: for messages */
  label: string
}

// kubectl also accepts `deployments.v1.apps`: a version between name and group.
const VERSION = /^v\d+((alpha|beta)\d+)?$/

/** What resolving a typed name needs of a kind. */
export type KindNames = Pick<ResourceDefinition, 'group' | 'plural' | 'singular' | 'kind' | 'shortNames' | 'storageResource' | 'isNamespaced'>

const namesOf = (d: KindNames) => [d.plural, d.singular, d.kind.toLowerCase(), ...d.shortNames]

/**
 * `pods`, `pod`, `po`, `Pod`, `deployments.apps`, `deploy`, `deployments.v1.apps` → the resource
 * type, as kubectl resolves names (case-insensitive; a `.group` suffix narrows the search).
 */
export function resolveResourceType(typed: string, definitions: readonly KindNames[] = BUILTIN_RESOURCES): ResolvedResourceType {
  const [base = '', ...rest] = typed.toLowerCase().split('.')
  if (rest.length > 1 && VERSION.test(rest[0]!)) rest.shift()
  const group = rest.length > 0 ? rest.join('.') : undefined
  const found = definitions.filter((d) => namesOf(d).includes(base) && (group === undefined || d.group === group))
  // A bare name that several groups serve goes to the core group first, as kubectl prefers it.
  const definition = found.find((d) => d.group === '') ?? found[0]
  if (!definition) {
    const known = definitions.map((d) => qualifiedName(d) + (d.shortNames.length > 0 ? ` (${d.shortNames.join(', ')})` : '')).join(', ')
    throw new CliError(`unknown resource type ${JSON.stringify(typed)}; known: ${known}`)
  }
  return { storageResource: definition.storageResource, isNamespaced: definition.isNamespaced, label: qualifiedName(definition) }
}

import { isDeepStrictEqual } from 'node:util'
import type { CustomResourceDefinition, CustomResourceDefinitionCondition, CustomResourceDefinitionNames } from './crd-types.js'
import { conditionOf } from './crd-types.js'

/** Names already taken in the CRD's group: resource names (plural, singular, short) and kinds (kind, listKind). */
export interface UsedNames {
  resources: ReadonlySet<string>
  kinds: ReadonlySet<string>
}

export interface NamesDecision {
  names: CustomResourceDefinitionNames
  namesAccepted: CustomResourceDefinitionCondition
  established: CustomResourceDefinitionCondition
}

function freshOrSame(requested: string | undefined, accepted: string | undefined, used: ReadonlySet<string>): string | undefined {
  if (requested === accepted || requested === undefined || !used.has(requested)) return undefined
  return `${JSON.stringify(requested)} is already in use`
}

/**
 * The names a CRD may hold and its NamesAccepted and Established conditions (k8s:
 * apiextensions-apiserver pkg/controller/status/naming_controller.go calculateNamesAndConditions,
 * and establish/establishing_controller.go, which watchplane runs in the same step since it serves
 * a CRD the moment it accepts its names). A name another CRD of the group (or a built-in kind of
 * the group) holds is refused; the CRD keeps the names it held before for that part.
 */
export function decideNames(crd: CustomResourceDefinition, used: UsedNames): NamesDecision {
  const requested = crd.spec.names
  const accepted: Partial<CustomResourceDefinitionNames> = crd.status?.acceptedNames ?? {}
  const names = { ...accepted } as CustomResourceDefinitionNames
  let conflict: { reason: string; message: string } | undefined
  const take = (field: 'plural' | 'singular' | 'kind' | 'listKind', pool: ReadonlySet<string>, reason: string) => {
    const error = freshOrSame(requested[field], accepted[field], pool)
    if (error) conflict = { reason, message: error }
    else if (requested[field] !== undefined) names[field] = requested[field]!
  }
  take('plural', used.resources, 'PluralConflict')
  take('singular', used.resources, 'SingularConflict')
  if (!isDeepStrictEqual(requested.shortNames, accepted.shortNames)) {
    const mine = new Set([...(accepted.shortNames ?? []), accepted.plural, accepted.singular])
    const errors = (requested.shortNames ?? []).filter((s) => !mine.has(s)).map((s) => freshOrSame(s, '', used.resources)).filter((e): e is string => !!e)
    if (errors.length) conflict = { reason: 'ShortNamesConflict', message: errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]` }
    else if (requested.shortNames) names.shortNames = requested.shortNames
    else delete names.shortNames
  }
  take('kind', used.kinds, 'KindConflict')
  take('listKind', used.kinds, 'ListKindConflict')
  if (requested.categories) names.categories = requested.categories
  else delete names.categories
  const namesAccepted: CustomResourceDefinitionCondition = conflict
    ? { type: 'NamesAccepted', status: 'False', ...conflict }
    : { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' }
  const established: CustomResourceDefinitionCondition = conflict && conditionOf(crd, 'Established')?.status !== 'True'
    ? { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' }
    : conditionOf(crd, 'Established')?.status === 'True'
      ? conditionOf(crd, 'Established')!
      : { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' }
  return { names: orderedNames(names), namesAccepted, established }
}

/** acceptedNames in kube's JSON field order. */
function orderedNames(n: CustomResourceDefinitionNames): CustomResourceDefinitionNames {
  return {
    plural: n.plural,
    ...(n.singular !== undefined ? { singular: n.singular } : {}),
    ...(n.shortNames ? { shortNames: n.shortNames } : {}),
    kind: n.kind,
    ...(n.listKind !== undefined ? { listKind: n.listKind } : {}),
    ...(n.categories ? { categories: n.categories } : {}),
  }
}

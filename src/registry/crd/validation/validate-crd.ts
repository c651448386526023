import { isDeepStrictEqual } from 'node:util'
import type { StatusCause } from '../../../api/types.js'
import type { CustomResourceDefinition, CustomResourceDefinitionSpec, CustomResourceDefinitionVersion } from '../crd-types.js'
import { isConditionTrue } from '../crd-types.js'
import { index, key } from '../field-path.js'
import { invalid, required } from './causes.js'
import { validateCrdSpec } from './validate-crd-spec.js'
import { validateNames } from './validate-crd-names.js'

const API_APPROVAL = 'api-approved.kubernetes.io'

/** Groups kube reserves for its community's APIs (apihelpers.IsProtectedCommunityGroup). */
const isProtectedGroup = (group: string) =>
  ['k8s.io', 'kubernetes.io'].some((d) => group === d || group.endsWith(`.${d}`))

/**
 * ValidateCustomResourceDefinition and …Update (k8s: apiextensions-apiserver
 * pkg/apis/apiextensions/validation/validation.go), run on the object as the v1 → internal
 * conversion shapes it: per-version schemas, subresources and columns that are all equal are
 * validated (and reported) at `spec.validation`, `spec.subresources`, `spec.additionalPrinterColumns`.
 */
export function validateCrd(crd: CustomResourceDefinition, old?: CustomResourceDefinition): StatusCause[] {
  const spec = (crd.spec ?? {}) as CustomResourceDefinitionSpec
  const causes: StatusCause[] = []
  const name = crd.metadata.name ?? ''
  if (name && name !== `${spec.names?.plural}.${spec.group}`) causes.push(invalid('metadata.name', name, 'must be spec.names.plural+"."+spec.group'))
  causes.push(...validateCrdSpec(spec))
  if (old) causes.push(...immutableCauses(spec, old))
  causes.push(...validateNames(crd.status?.acceptedNames, 'status.acceptedNames'))
  causes.push(...storedVersionCauses(crd.status?.storedVersions ?? [], spec.versions ?? []))
  causes.push(...approvalCauses(crd, old))
  if (spec.preserveUnknownFields === true && old?.spec.preserveUnknownFields !== true) {
    causes.push(invalid('spec.preserveUnknownFields', true, 'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead'))
  }
  return causes
}

/** validateCustomResourceDefinitionSpecUpdate: group and plural always, scope and kind once Established. */
function immutableCauses(spec: CustomResourceDefinitionSpec, old: CustomResourceDefinition): StatusCause[] {
  const causes: StatusCause[] = []
  const immutable = (path: string, next: unknown, prev: unknown) => {
    if (!isDeepStrictEqual(next, prev)) causes.push(invalid(path, next, 'field is immutable'))
  }
  if (isConditionTrue(old, 'Established')) {
    immutable('spec.scope', spec.scope, old.spec.scope)
    immutable('spec.names.kind', spec.names?.kind, old.spec.names?.kind)
  }
  immutable('spec.group', spec.group, old.spec.group)
  immutable('spec.names.plural', spec.names?.plural, old.spec.names?.plural)
  return causes
}

/** ValidateCustomResourceDefinitionStoredVersions. */
function storedVersionCauses(stored: readonly string[], versions: readonly CustomResourceDefinitionVersion[]): StatusCause[] {
  const path = 'status.storedVersions'
  const goStored = `[]string{${stored.map((s) => JSON.stringify(s)).join(', ')}}`
  if (stored.length === 0) return [invalid(path, stored, 'must have at least one stored version', '[]string(nil)')]
  const causes: StatusCause[] = []
  const remaining = new Map(stored.map((v, i) => [v, i]))
  for (const v of versions) {
    if (v.storage && !remaining.has(v.name)) causes.push(invalid(path, stored, `must have the storage version ${v.name}`, goStored))
    remaining.delete(v.name)
  }
  for (const [v, i] of remaining) {
    causes.push(invalid(index(path, i), v, `missing from spec.versions; ${v} was previously a storage version, and must remain in spec.versions until a storage migration ensures no data remains persisted in ${v} and removes ${v} from status.storedVersions`))
  }
  return causes
}

/** validateAPIApproval: a CRD in a *.k8s.io or *.kubernetes.io group needs the approval annotation. */
function approvalCauses(crd: CustomResourceDefinition, old?: CustomResourceDefinition): StatusCause[] {
  if (!isProtectedGroup(crd.spec?.group ?? '')) return []
  const value = crd.metadata.annotations?.[API_APPROVAL]
  if (old && old.metadata.annotations?.[API_APPROVAL] === value) return []
  const path = key('metadata.annotations', API_APPROVAL)
  const reason = `protected groups must have approval annotation "${API_APPROVAL}", see https://github.com/kubernetes/enhancements/pull/1111`
  if (value === undefined) return [required(path, reason)]
  if (value.startsWith('unapproved')) return []
  try {
    const url = new URL(value)
    if (url.protocol === 'http:' || url.protocol === 'https:') return []
  } catch {
    // not a URL
  }
  return [invalid(path, value, `protected groups must have approval annotation "${API_APPROVAL}" with either a URL or a reason starting with "unapproved", see https://github.com/kubernetes/enhancements/pull/1111`)]
}

import { isDeepStrictEqual } from 'node:util'
import type { StatusCause } from '../../../api/types.js'
import { nameRuleErrors } from '../../object-names.js'
import type { CustomResourceDefinitionSpec, CustomResourceDefinitionVersion } from '../crd-types.js'
import { child, index } from '../field-path.js'
import { forbidden, goVersions, invalid, notSupported, required } from './causes.js'
import { validateCrdSchema } from './validate-crd-schema.js'
import { validateNames } from './validate-crd-names.js'
import { validateColumn, validateSelectableFields, validateSubresources } from './validate-version-fields.js'

type Folded = Pick<CustomResourceDefinitionVersion, 'schema' | 'subresources' | 'additionalPrinterColumns' | 'selectableFields'>
type FoldedKey = keyof Folded

/** Convert_v1_CustomResourceDefinitionSpec_To_apiextensions_…: which per-version fields all versions share. */
function foldedFields(versions: readonly CustomResourceDefinitionVersion[]): Set<FoldedKey> {
  const folded = new Set<FoldedKey>()
  const first = versions[0]
  if (!first) return folded
  for (const field of ['schema', 'subresources', 'additionalPrinterColumns', 'selectableFields'] as const) {
    const empty = field === 'additionalPrinterColumns' || field === 'selectableFields' ? [] : undefined
    if (versions.every((v) => isDeepStrictEqual(v[field] ?? empty, first[field] ?? empty))) folded.add(field)
  }
  // Selectable fields are judged against their schema: folded only along with it.
  if (!folded.has('schema')) folded.delete('selectableFields')
  return folded
}

/** validateCustomResourceDefinitionSpec, in kube's order. */
export function validateCrdSpec(spec: CustomResourceDefinitionSpec): StatusCause[] {
  const causes: StatusCause[] = []
  const versions = Array.isArray(spec.versions) ? spec.versions : []
  const folded = foldedFields(versions)
  const top: Folded = folded.size ? Object.fromEntries([...folded].map((f) => [f, versions[0]![f]])) : {}
  causes.push(...groupCauses(spec.group))
  if (!spec.scope) causes.push(required('spec.scope'))
  else if (!['Cluster', 'Namespaced'].includes(spec.scope)) causes.push(notSupported('spec.scope', spec.scope, ['Cluster', 'Namespaced']))
  if (!top.schema?.openAPIV3Schema) {
    versions.forEach((v, i) => {
      if (!v.schema?.openAPIV3Schema) causes.push(required(`spec.versions[${i}].schema.openAPIV3Schema`, 'schemas are required'))
    })
  }
  const anyStatus = versions.some((v) => v.subresources?.status !== undefined)
  versions.forEach((v, i) => causes.push(...versionCauses(v, index('spec.versions', i), folded)))
  const names = versions.map((v) => v.name)
  if (new Set(names).size !== names.length) causes.push(invalid('spec.versions', versions, 'must contain unique version names', goVersions(versions)))
  if (versions.filter((v) => v.storage).length !== 1) causes.push(invalid('spec.versions', versions, 'must have exactly one version marked as storage version', goVersions(versions)))
  for (const field of ['plural', 'singular', 'kind', 'listKind'] as const) if (!spec.names?.[field]) causes.push(required(`spec.names.${field}`))
  causes.push(...validateNames(spec.names, 'spec.names'))
  causes.push(...validateCrdSchema(top.schema, anyStatus, 'spec.validation'))
  causes.push(...validateSubresources(top.subresources, 'spec.subresources'))
  ;(top.additionalPrinterColumns ?? []).forEach((c, i) => causes.push(...validateColumn(c, index('spec.additionalPrinterColumns', i))))
  if (top.selectableFields?.length) causes.push(...validateSelectableFields(top.selectableFields, top.schema?.openAPIV3Schema, 'spec.selectableFields'))
  causes.push(...conversionCauses(spec))
  return causes
}

function groupCauses(group: string | undefined): StatusCause[] {
  if (!group) return [required('spec.group')]
  const errors = nameRuleErrors(group, 'subdomain')
  if (errors.length) return [invalid('spec.group', group, errors.join(','))]
  if (group.split('.').length < 2) return [invalid('spec.group', group, 'should be a domain with at least one dot')]
  return []
}

/** validateCustomResourceDefinitionVersion, for the fields not folded to the top. */
function versionCauses(v: CustomResourceDefinitionVersion, path: string, folded: ReadonlySet<FoldedKey>): StatusCause[] {
  const causes: StatusCause[] = []
  const nameErrors = nameRuleErrors(v.name ?? '', 'dns1035')
  if (nameErrors.length) causes.push(invalid(child(path, 'name'), v.name, nameErrors.join(',')))
  if (!v.deprecated && v.deprecationWarning !== undefined) causes.push(invalid(child(path, 'deprecationWarning'), v.deprecationWarning, 'can only be set for deprecated versions'))
  if (!folded.has('schema')) {
    causes.push(...validateCrdSchema(v.schema, v.subresources?.status !== undefined, child(path, 'schema')))
  }
  if (!folded.has('subresources')) causes.push(...validateSubresources(v.subresources, child(path, 'subresources')))
  if (!folded.has('additionalPrinterColumns')) {
    ;(v.additionalPrinterColumns ?? []).forEach((c, i) => causes.push(...validateColumn(c, index(child(path, 'additionalPrinterColumns'), i))))
  }
  if (!folded.has('selectableFields') && v.selectableFields?.length) {
    causes.push(...validateSelectableFields(v.selectableFields, v.schema?.openAPIV3Schema, child(path, 'selectableFields')))
  }
  return causes
}

/** validateCustomResourceConversion. */
function conversionCauses(spec: CustomResourceDefinitionSpec): StatusCause[] {
  const conversion = spec.conversion
  if (!conversion) return []
  if (!conversion.strategy) return [required('spec.conversion.strategy')]
  if (!['None', 'Webhook'].includes(conversion.strategy)) return [notSupported('spec.conversion.strategy', conversion.strategy, ['None', 'Webhook'])]
  if (conversion.strategy === 'Webhook' && !conversion.webhook) return [required('spec.conversion.webhookClientConfig', 'required when strategy is set to Webhook')]
  if (conversion.strategy === 'None' && conversion.webhook) return [forbidden('spec.conversion.webhookClientConfig', 'should not be set when strategy is not set to Webhook')]
  return []
}

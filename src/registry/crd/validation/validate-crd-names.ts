import type { StatusCause } from '../../../api/types.js'
import { nameRuleErrors } from '../../object-names.js'
import type { CustomResourceDefinitionNames } from '../crd-types.js'
import { child, index } from '../field-path.js'
import { invalid } from './causes.js'

const dns1035 = (value: string) => nameRuleErrors(value, 'dns1035')

/** ValidateCustomResourceDefinitionNames (k8s: apiextensions-apiserver pkg/apis/apiextensions/validation/validation.go). */
export function validateNames(names: Partial<CustomResourceDefinitionNames> | undefined, path: string): StatusCause[] {
  const causes: StatusCause[] = []
  if (!names) return causes
  const check = (field: 'plural' | 'singular', value: string | undefined) => {
    const errors = value ? dns1035(value) : []
    if (errors.length) causes.push(invalid(child(path, field), value, errors.join(',')))
  }
  check('plural', names.plural)
  check('singular', names.singular)
  for (const field of ['kind', 'listKind'] as const) {
    const value = names[field]
    const errors = value ? dns1035(value.toLowerCase()) : []
    if (errors.length) causes.push(invalid(child(path, field), value, `may have mixed case, but should otherwise match: ${errors.join(',')}`))
  }
  const eachLabel = (field: 'shortNames' | 'categories', values: readonly string[] | undefined) =>
    (values ?? []).forEach((value, i) => {
      const errors = dns1035(value)
      if (errors.length) causes.push(invalid(index(child(path, field), i), value, errors.join(',')))
    })
  eachLabel('shortNames', names.shortNames)
  if (names.kind && names.kind === names.listKind) causes.push(invalid(child(path, 'listKind'), names.listKind, 'kind and listKind may not be the same'))
  eachLabel('categories', names.categories)
  return causes
}

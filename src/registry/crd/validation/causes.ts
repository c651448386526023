import type { StatusCause } from '../../../api/types.js'
import { goValue } from '../schema/go-format.js'

// field.Error constructors (apimachinery pkg/util/validation/field/errors.go) for CRD validation.

export const required = (field: string, detail = ''): StatusCause => ({
  reason: 'FieldValueRequired', field, message: detail ? `Required value: ${detail}` : 'Required value',
})

/** `rendered` is the bad value as Go prints it (goValue for JSON values). */
export const invalid = (field: string, value: unknown, detail: string, rendered = goValue(value)): StatusCause => ({
  reason: 'FieldValueInvalid', field, message: `Invalid value: ${rendered}: ${detail}`,
})

export const forbidden = (field: string, detail: string): StatusCause => ({ reason: 'FieldValueForbidden', field, message: `Forbidden: ${detail}` })

export const notSupported = (field: string, value: unknown, supported: readonly string[]): StatusCause => ({
  reason: 'FieldValueNotSupported',
  field,
  message: `Unsupported value: ${goValue(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
})

export const duplicate = (field: string, value: unknown): StatusCause => ({ reason: 'FieldValueDuplicate', field, message: `Duplicate value: ${goValue(value)}` })

export const tooMany = (field: string, actual: number, max: number): StatusCause => ({
  reason: 'FieldValueTooMany', field, message: `Too many: ${actual}: must have at most ${max} items`,
})

/** %#v of the internal CustomResourceDefinitionVersion list, abbreviated to the names kube's would start with. */
export const goVersions = (versions: readonly { name?: string; served?: boolean; storage?: boolean }[]) =>
  `[]apiextensions.CustomResourceDefinitionVersion{${versions
    .map((v) => `apiextensions.CustomResourceDefinitionVersion{Name:${JSON.stringify(v.name ?? '')}, Served:${v.served === true}, Storage:${v.storage === true}, ...}`)
    .join(', ')}}`

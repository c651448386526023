import type { StatusCause } from '../../api/types.js'

// The checks kube runs on the query options of writes and deletes, cause by cause, in its words
// (k8s: apimachinery pkg/apis/meta/v1/validation/validation.go; messages as field.Error.ErrorBody
// writes them, JSON.stringify standing in for Go's %q and json.Marshal of the bad value).

const supportedList = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(', ')

export const notSupportedCause = (field: string, badValueJson: string, supported: readonly string[]): StatusCause => ({
  reason: 'FieldValueNotSupported', field, message: `Unsupported value: ${badValueJson}: supported values: ${supportedList(supported)}`,
})

export const forbiddenCause = (field: string, detail: string): StatusCause => ({ reason: 'FieldValueForbidden', field, message: `Forbidden: ${detail}` })

export const requiredCause = (field: string, detail: string): StatusCause => ({ reason: 'FieldValueRequired', field, message: `Required value: ${detail}` })

/** ValidateDryRun: every value must be "All" (exactly; "all" is refused). */
export function dryRunCauses(dryRun: readonly string[]): StatusCause[] {
  return dryRun.every((v) => v === 'All') ? [] : [notSupportedCause('dryRun', JSON.stringify(dryRun), ['All'])]
}

const FIELD_MANAGER_MAX_BYTES = 128
// unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const NOT_PRINTABLE = /[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/u

/** ValidateFieldManager: at most 128 bytes, printable characters only (positions are byte offsets). */
export function fieldManagerCauses(fieldManager: string): StatusCause[] {
  const causes: StatusCause[] = []
  if (Buffer.byteLength(fieldManager) > FIELD_MANAGER_MAX_BYTES) {
    causes.push({ reason: 'FieldValueTooLong', field: 'fieldManager', message: `Too long: may not be more than ${FIELD_MANAGER_MAX_BYTES} bytes` })
  }
  let byteOffset = 0
  for (const char of fieldManager) {
    if (NOT_PRINTABLE.test(char)) {
      const codePoint = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
      causes.push({
        reason: 'FieldValueInvalid', field: 'fieldManager',
        message: `Invalid value: ${JSON.stringify(fieldManager)}: invalid character U+${codePoint} (at position ${byteOffset})`,
      })
    }
    byteOffset += Buffer.byteLength(char)
  }
  return causes
}

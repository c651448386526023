import type { FieldDescription } from '../type-description/type-description.js'

/**
 * The keys strategic merge patch reserves (k8s: staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go).
 * Only these are directives: other `$` keys are data (a CRD's openAPIV3Schema has `$ref` and `$schema`).
 */
export const PATCH_DIRECTIVE = '$patch'
export const RETAIN_KEYS_DIRECTIVE = '$retainKeys'
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder/'
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList/'

export function isDirectiveKey(key: string): boolean {
  return (
    key === PATCH_DIRECTIVE ||
    key === RETAIN_KEYS_DIRECTIVE ||
    key.startsWith(SET_ELEMENT_ORDER_PREFIX) ||
    key.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)
  )
}

/** Lists merge only when their field says `merge`; every other list is replaced whole (kube's default). */
export function isMergeList(field: FieldDescription | undefined): field is FieldDescription {
  return field?.strategies.includes('merge') ?? false
}

/** A `replace` strategy on a map field means the patch's map replaces the live one. */
export function isReplaceMap(field: FieldDescription | undefined): boolean {
  return field?.strategies.includes('replace') ?? false
}

import { isDeepStrictEqual } from 'node:util'
import { isJsonObject } from '../../api/json-object.js'

/**
 * CRD validation ratcheting (beta and on in 1.32: CRDValidationRatcheting): on update, an error of a
 * value that did not change is dropped (k8s: kube-openapi pkg/validation/validate/ratcheting.go). A
 * value is compared with the old one at the same path; list items are not correlated, so the
 * comparison stops at the list (apiserver pkg/cel/common CorrelatedObject).
 */
export function isUnchangedAt(pointer: string, next: unknown, old: unknown): boolean {
  let a = next
  let b = old
  if (pointer === '') return isDeepStrictEqual(a, b)
  for (const raw of pointer.slice(1).split('/')) {
    if (Array.isArray(a)) break
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (!isJsonObject(a) || !isJsonObject(b) || !Object.hasOwn(b, key)) return isDeepStrictEqual(a, b)
    a = a[key]
    b = b[key]
  }
  return isDeepStrictEqual(a, b)
}

import { CelScalar, celFunc, celMethod, isCelList, isCelMap, type CelValue } from '@bufbuild/cel'
import type { CelLibrary } from './cel-library.js'
import { OPTIONAL, optionalOf } from './optional-type.js'

// cel-go's optional values (cel.OptionalTypes, ext/... optional library): optional.of, .none,
// .ofNonZeroValue, and the hasValue/value/orValue/or members. The `.?field` and `[?index]`
// syntax is not parsed by @bufbuild/cel.

const { DYN, BOOL } = CelScalar
const T = OPTIONAL.celType

function isZeroValue(value: CelValue): boolean {
  if (value === null || value === false || value === '' || value === 0 || value === 0n) return true
  if (value instanceof Uint8Array) return value.length === 0
  if (isCelList(value) || isCelMap(value)) return value.size === 0
  return false
}

export const OPTIONAL_LIBRARY: CelLibrary = {
  signatures: [],
  funcs: [
    celFunc('optional.of', [DYN], T, (v) => optionalOf(v) as never),
    celFunc('optional.ofNonZeroValue', [DYN], T, (v) => optionalOf(isZeroValue(v) ? undefined : v) as never),
    celFunc('optional.none', [], T, () => optionalOf(undefined) as never),
    celMethod('hasValue', T, [], BOOL, function () { return OPTIONAL.expect(this).value !== undefined }),
    celMethod('value', T, [], DYN, function () {
      const { value } = OPTIONAL.expect(this)
      if (value === undefined) throw new Error('optional.none() dereference')
      return value as never
    }),
    celMethod('orValue', T, [DYN], DYN, function (other) { return (OPTIONAL.expect(this).value ?? other) as never }),
    celMethod('or', T, [T], T, function (other) { return (OPTIONAL.expect(this).value === undefined ? other : this) as never }),
  ],
}

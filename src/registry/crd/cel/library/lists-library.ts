import { CelScalar, celFunc, celMethod, celUint, isCelUint, listType, type CelList, type CelValue } from '@bufbuild/cel'
import { create } from '@bufbuild/protobuf'
import { reflect, type ReflectMessage } from '@bufbuild/protobuf/reflect'
import { DurationSchema } from '@bufbuild/protobuf/wkt'
import type { CelLibrary } from './cel-library.js'
import { compareValues } from './compare-values.js'
import { celEquals } from './equality.js'

// kube's lists library (apiserver/pkg/cel/library/lists.go): isSorted, sum, min, max, indexOf,
// lastIndexOf on lists; and cel-go's sets extension (ext/sets.go): sets.contains,
// sets.equivalent, sets.intersects.

const { INT, BOOL, DYN } = CelScalar
const LIST = listType(DYN)
const COMPARABLE = ['int', 'uint', 'double', 'bool', 'duration', 'timestamp', 'string', 'bytes']
const SUMMABLE = ['int', 'uint', 'double', 'duration']

const MAX_INT = 2n ** 63n - 1n
const MIN_INT = -(2n ** 63n)

function sum(list: CelList): CelValue {
  let total: CelValue | undefined
  for (const item of list) total = total === undefined ? item : add(total, item)
  return total ?? 0n
}

function add(a: CelValue, b: CelValue): CelValue {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    const r = a + b
    if (r > MAX_INT || r < MIN_INT) throw new Error('integer overflow')
    return r
  }
  if (typeof a === 'number' && typeof b === 'number') return a + b
  if (isCelUint(a) && isCelUint(b)) return celUint(a.value + b.value)
  const x = (a as ReflectMessage).message as unknown as { seconds: bigint; nanos: number }
  const y = (b as ReflectMessage).message as unknown as { seconds: bigint; nanos: number }
  const nanos = BigInt(x.nanos + y.nanos) + (x.seconds + y.seconds) * 1_000_000_000n
  return reflect(DurationSchema, create(DurationSchema, { seconds: nanos / 1_000_000_000n, nanos: Number(nanos % 1_000_000_000n) })) as never
}

function extreme(name: 'min' | 'max', list: CelList): CelValue {
  let best: CelValue | undefined
  for (const item of list) {
    if (best === undefined) best = item
    else if (compareValues(best, item) === (name === 'min' ? 1 : -1)) best = item
  }
  if (best === undefined) throw new Error(`${name} called on empty list`)
  return best
}

function isSorted(list: CelList): boolean {
  let previous: CelValue | undefined
  for (const item of list) {
    if (previous !== undefined && compareValues(previous, item) === 1) return false
    previous = item
  }
  return true
}

function indexOf(list: CelList, item: CelValue, fromEnd: boolean): bigint {
  for (let n = 0; n < list.size; n++) {
    const i = fromEnd ? list.size - 1 - n : n
    if (celEquals(list.get(i) as CelValue, item)) return BigInt(i)
  }
  return -1n
}

const contains = (a: CelList, b: CelList) => [...b].every((x) => [...a].some((y) => celEquals(x, y)))
const intersects = (a: CelList, b: CelList) => [...a].some((x) => [...b].some((y) => celEquals(x, y)))

export const LISTS_LIBRARY: CelLibrary = {
  signatures: [
    ...COMPARABLE.flatMap((t) => [`list(${t}).isSorted() bool`, `list(${t}).min() ${t}`, `list(${t}).max() ${t}`]),
    ...SUMMABLE.map((t) => `list(${t}).sum() ${t}`),
    'list(A).indexOf(A) int', 'list(A).lastIndexOf(A) int',
  ],
  funcs: [
    celMethod('isSorted', LIST, [], BOOL, function () { return isSorted(this) }),
    celMethod('sum', LIST, [], DYN, function () { return sum(this) as never }),
    celMethod('min', LIST, [], DYN, function () { return extreme('min', this) as never }),
    celMethod('max', LIST, [], DYN, function () { return extreme('max', this) as never }),
    celMethod('indexOf', LIST, [DYN], INT, function (item) { return indexOf(this, item, false) }),
    celMethod('lastIndexOf', LIST, [DYN], INT, function (item) { return indexOf(this, item, true) }),
    celFunc('sets.contains', [LIST, LIST], BOOL, (a, b) => contains(a, b)),
    celFunc('sets.equivalent', [LIST, LIST], BOOL, (a, b) => contains(a, b) && contains(b, a)),
    celFunc('sets.intersects', [LIST, LIST], BOOL, (a, b) => intersects(a, b)),
  ],
}

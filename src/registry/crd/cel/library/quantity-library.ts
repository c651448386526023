import { CelScalar, celFunc, celMethod } from '@bufbuild/cel'
import type { CelLibrary } from './cel-library.js'
import { OpaqueType } from './opaque-values.js'
import {
  addQuantities, canonicalQuantity, compareQuantities, parseQuantity, quantityAsFloat, quantityAsInt64,
  quantityOfInt, quantitySign, type Quantity,
} from './quantity-value.js'

// kube's quantity library as of 1.32 (apiserver/pkg/cel/library/quantity.go): quantity(),
// isQuantity(), sign, isGreaterThan, isLessThan, compareTo, add, sub, asInteger, isInteger,
// asApproximateFloat. (mul, div and divInt came later.)

const { STRING, INT, BOOL, DOUBLE } = CelScalar
export const QUANTITY = new OpaqueType<Quantity>('kubernetes.Quantity', canonicalQuantity)
const Q = QUANTITY.celType
const wrap = (q: Quantity) => QUANTITY.wrap(q) as never

function isQuantity(text: string): boolean {
  try {
    parseQuantity(text)
    return true
  } catch {
    return false
  }
}

function asInteger(q: Quantity): bigint {
  const value = quantityAsInt64(q)
  if (value === undefined) throw new Error('cannot convert value to integer')
  return value
}

export const QUANTITY_LIBRARY: CelLibrary = {
  signatures: [
    'quantity(string) Quantity', 'isQuantity(string) bool', 'sign(Quantity) int', 'Quantity.sign() int',
    'Quantity.isGreaterThan(Quantity) bool', 'Quantity.isLessThan(Quantity) bool', 'Quantity.compareTo(Quantity) int',
    'Quantity.asApproximateFloat() double', 'Quantity.asInteger() int', 'Quantity.isInteger() bool',
    'Quantity.add(Quantity) Quantity', 'Quantity.add(int) Quantity', 'Quantity.sub(Quantity) Quantity', 'Quantity.sub(int) Quantity',
  ],
  funcs: [
    celFunc('quantity', [STRING], Q, (text) => wrap(parseQuantity(text))),
    celFunc('isQuantity', [STRING], BOOL, isQuantity),
    celFunc('sign', [Q], INT, (q) => BigInt(quantitySign(QUANTITY.expect(q)))),
    celMethod('sign', Q, [], INT, function () { return BigInt(quantitySign(QUANTITY.expect(this))) }),
    celMethod('isGreaterThan', Q, [Q], BOOL, function (o) { return compareQuantities(QUANTITY.expect(this), QUANTITY.expect(o)) === 1 }),
    celMethod('isLessThan', Q, [Q], BOOL, function (o) { return compareQuantities(QUANTITY.expect(this), QUANTITY.expect(o)) === -1 }),
    celMethod('compareTo', Q, [Q], INT, function (o) { return BigInt(compareQuantities(QUANTITY.expect(this), QUANTITY.expect(o))) }),
    celMethod('asApproximateFloat', Q, [], DOUBLE, function () { return quantityAsFloat(QUANTITY.expect(this)) }),
    celMethod('asInteger', Q, [], INT, function () { return asInteger(QUANTITY.expect(this)) }),
    celMethod('isInteger', Q, [], BOOL, function () { return quantityAsInt64(QUANTITY.expect(this)) !== undefined }),
    celMethod('add', Q, [Q], Q, function (o) { return wrap(addQuantities(QUANTITY.expect(this), QUANTITY.expect(o))) }),
    celMethod('add', Q, [INT], Q, function (n) { return wrap(addQuantities(QUANTITY.expect(this), quantityOfInt(n))) }),
    celMethod('sub', Q, [Q], Q, function (o) { return wrap(addQuantities(QUANTITY.expect(this), QUANTITY.expect(o), -1n)) }),
    celMethod('sub', Q, [INT], Q, function (n) { return wrap(addQuantities(QUANTITY.expect(this), quantityOfInt(n), -1n)) }),
  ],
}

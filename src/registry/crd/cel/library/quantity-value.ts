// resource.Quantity as apimachinery/pkg/api/resource/quantity.go parses and compares it, held
// exactly: the value is unscaled × 10^scale.

export interface Quantity {
  readonly unscaled: bigint
  readonly scale: number
}

const SPLIT_RE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${SPLIT_RE}'`
export const ERR_SUFFIX = "unable to parse quantity's suffix"

const DECIMAL_SUFFIXES: Record<string, number> = { '': 0, n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 }
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 }
const SCAN = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)$/
const NANO = -9
const MAX_INT64 = 2n ** 63n - 1n
const MIN_INT64 = -(2n ** 63n)

/** resource.ParseQuantity; throws with kube's error text. */
export function parseQuantity(text: string): Quantity {
  if (text.length === 0) throw new Error(ERR_FORMAT_WRONG)
  const m = SCAN.exec(text)
  // at least one digit: a bare suffix (`Mi`) is not a quantity
  if (!m || `${m[2]}${m[3] ?? ''}` === '') throw new Error(ERR_FORMAT_WRONG)
  const [, sign, num = '', denom = '', suffix = ''] = m
  const digits = BigInt((num + denom) || '0') * (sign === '-' ? -1n : 1n)
  const decimal = DECIMAL_SUFFIXES[suffix]
  const binary = BINARY_SUFFIXES[suffix]
  let q: Quantity
  if (decimal !== undefined) q = { unscaled: digits, scale: decimal - denom.length }
  else if (binary !== undefined) q = { unscaled: digits * 2n ** BigInt(binary), scale: -denom.length }
  else if (/^[eE][-+]?[0-9]+$/.test(suffix)) q = { unscaled: digits, scale: Number(suffix.slice(1)) - denom.length }
  else throw new Error(ERR_SUFFIX)
  return roundUpToNano(q)
}

/** Values finer than a nano unit round away from zero to it, as ParseQuantity does (inf.RoundUp). */
function roundUpToNano(q: Quantity): Quantity {
  if (q.scale >= NANO) return q
  const divisor = 10n ** BigInt(NANO - q.scale)
  const quotient = q.unscaled / divisor
  const hasRest = q.unscaled % divisor !== 0n
  const rounded = hasRest ? quotient + (q.unscaled < 0n ? -1n : 1n) : quotient
  return { unscaled: rounded, scale: NANO }
}

function aligned(a: Quantity, b: Quantity): [bigint, bigint, number] {
  const scale = Math.min(a.scale, b.scale)
  return [a.unscaled * 10n ** BigInt(a.scale - scale), b.unscaled * 10n ** BigInt(b.scale - scale), scale]
}

export function compareQuantities(a: Quantity, b: Quantity): number {
  const [x, y] = aligned(a, b)
  return x < y ? -1 : x > y ? 1 : 0
}

export function addQuantities(a: Quantity, b: Quantity, sign: 1n | -1n = 1n): Quantity {
  const [x, y, scale] = aligned(a, b)
  return { unscaled: x + sign * y, scale }
}

export const quantityOfInt = (value: bigint): Quantity => ({ unscaled: value, scale: 0 })

export function quantitySign(q: Quantity): number {
  return q.unscaled === 0n ? 0 : q.unscaled < 0n ? -1 : 1
}

/** Quantity.AsInt64: the value when it is a whole number that fits an int64. */
export function quantityAsInt64(q: Quantity): bigint | undefined {
  let value: bigint
  if (q.scale >= 0) value = q.unscaled * 10n ** BigInt(q.scale)
  else {
    const divisor = 10n ** BigInt(-q.scale)
    if (q.unscaled % divisor !== 0n) return undefined
    value = q.unscaled / divisor
  }
  return value > MAX_INT64 || value < MIN_INT64 ? undefined : value
}

export function quantityAsFloat(q: Quantity): number {
  return Number.parseFloat(`${q.unscaled}e${q.scale}`)
}

/** Equal quantities give equal text: trailing zeros folded into the scale. */
export function canonicalQuantity(q: Quantity): string {
  if (q.unscaled === 0n) return '0'
  let { unscaled, scale } = q
  while (unscaled % 10n === 0n) {
    unscaled /= 10n
    scale++
  }
  return `${unscaled}e${scale}`
}

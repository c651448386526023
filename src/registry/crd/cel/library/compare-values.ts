import { isCelUint, type CelValue } from '@bufbuild/cel'
import type { ReflectMessage } from '@bufbuild/protobuf/reflect'

/**
 * CEL ordering of two comparable values (cel-go traits.Comparer): numbers across int, uint and
 * double, strings, booleans, bytes, timestamps and durations. -1, 0 or 1.
 */
export function compareValues(a: CelValue, b: CelValue): number {
  const x = numeric(a)
  const y = numeric(b)
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  if (a instanceof Uint8Array && b instanceof Uint8Array) return compareBytes(a, b)
  const s = seconds(a)
  const t = seconds(b)
  if (s && t) return s[0] !== t[0] ? (s[0] < t[0] ? -1 : 1) : Math.sign(s[1] - t[1])
  throw new Error('no such overload')
}

function numeric(v: CelValue): number | bigint | undefined {
  if (typeof v === 'bigint' || typeof v === 'number') return v
  return isCelUint(v) ? v.value : undefined
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number) ? -1 : 1
  }
  return Math.sign(a.length - b.length)
}

/** [seconds, nanos] of a google.protobuf.Timestamp or Duration value. */
function seconds(v: CelValue): [bigint, number] | undefined {
  const message = (v as ReflectMessage | undefined)?.message as { $typeName?: string; seconds?: bigint; nanos?: number } | undefined
  const name = message?.$typeName
  if (name !== 'google.protobuf.Timestamp' && name !== 'google.protobuf.Duration') return undefined
  return [message?.seconds ?? 0n, message?.nanos ?? 0]
}

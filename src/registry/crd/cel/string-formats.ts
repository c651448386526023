import type { CelValue } from '@bufbuild/cel'
import { create } from '@bufbuild/protobuf'
import { reflect } from '@bufbuild/protobuf/reflect'
import { DurationSchema, TimestampSchema } from '@bufbuild/protobuf/wkt'

// The string formats kube's UnstructuredToVal turns into CEL values (apiserver/pkg/cel/common/
// values.go): date and date-time (strfmt.ParseDateTime, RFC 3339 and the ISO 8601 forms strfmt
// accepts), duration (strfmt.ParseDuration: Go durations, or a number and a unit), byte (base64).

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/

/** A timestamp from a `date` (YYYY-MM-DD) or `date-time` string; undefined when it is not one. */
export function toTimestamp(text: string, format: 'date' | 'date-time'): CelValue | undefined {
  const m = DATE_TIME.exec(text)
  if (!m || (format === 'date') !== (m[4] === undefined)) return undefined
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((p) => Number(p ?? 0)) as number[]
  const ms = Date.UTC(year as number, (month as number) - 1, day, hour, minute, second)
  if (Number.isNaN(ms) || new Date(ms).getUTCDate() !== day) return undefined
  const nanos = Number((m[7] ?? '').padEnd(9, '0'))
  const seconds = BigInt(Math.floor(ms / 1000)) - BigInt(zoneOffsetSeconds(m[8]))
  return reflect(TimestampSchema, create(TimestampSchema, { seconds, nanos })) as unknown as CelValue
}

function zoneOffsetSeconds(zone: string | undefined): number {
  if (!zone || zone === 'Z' || zone === 'z') return 0
  const digits = zone.replace(':', '')
  const sign = digits.startsWith('-') ? -1 : 1
  return sign * (Number(digits.slice(1, 3)) * 3600 + Number(digits.slice(3, 5)) * 60)
}

const GO_UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 }
// strfmt's extra units for `<number> <unit>` (go-openapi/strfmt duration.go timeUnits)
const WORD_UNITS: Record<string, number> = {
  ns: 1, us: 1e3, ms: 1e6, s: 1e9, sec: 1e9, m: 60e9, min: 60e9, h: 3600e9, hr: 3600e9,
  d: 86400e9, day: 86400e9, w: 604800e9, wk: 604800e9,
}

/** A duration from Go's duration syntax (`1h30m`) or strfmt's `<n> <unit>` (`3 d`). */
export function toDuration(text: string): CelValue | undefined {
  const nanos = goDurationNanos(text) ?? wordDurationNanos(text)
  if (nanos === undefined) return undefined
  const seconds = nanos / 1_000_000_000n
  const rest = Number(nanos % 1_000_000_000n)
  return reflect(DurationSchema, create(DurationSchema, { seconds, nanos: rest })) as unknown as CelValue
}

function goDurationNanos(text: string): bigint | undefined {
  const m = /^([-+]?)((?:\d*\.?\d*[a-zµμ]+)+)$/.exec(text)
  if (!m) return text === '0' ? 0n : undefined
  let total = 0
  for (const part of (m[2] as string).matchAll(/(\d*\.?\d*)([a-zµμ]+)/g)) {
    const unit = GO_UNITS[part[2] as string]
    if (unit === undefined || part[1] === '' || part[1] === '.') return undefined
    total += Number(part[1]) * unit
  }
  return BigInt(Math.round(total)) * (m[1] === '-' ? -1n : 1n)
}

function wordDurationNanos(text: string): bigint | undefined {
  const m = /^(\d+)\s*([a-z]+)$/.exec(text.trim())
  const unit = m && WORD_UNITS[(m[2] as string).replace(/s$/, '') || 's']
  return unit ? BigInt(m[1] as string) * BigInt(unit) : undefined
}

/** Bytes from standard base64 (strfmt.Base64); undefined when it is not base64. */
export function toBytes(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined
  return new Uint8Array(Buffer.from(text, 'base64'))
}

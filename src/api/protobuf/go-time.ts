import { ProtobufError } from './protobuf-error.js'

/** time.Time{}.Unix(): the zero Go time, 0001-01-01T00:00:00Z, which metav1's MarshalJSON writes as null. */
const GO_ZERO_SECONDS = -62135596800
/** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years RFC 3339 can write. */
const MIN_SECONDS = -62167219200
const MAX_SECONDS = 253402300799
const NANOS_PER_SECOND = 1_000_000_000

/** Seconds and nanoseconds as time.Unix(seconds, nanos) normalizes them (0 ≤ nanos < 1e9). */
export interface UnixTime {
  seconds: number
  nanos: number
}

export function normalize(seconds: number, nanos: number): UnixTime {
  const carry = Math.floor(nanos / NANOS_PER_SECOND)
  return { seconds: seconds + carry, nanos: nanos - carry * NANOS_PER_SECOND }
}

/**
 * metav1.Time as its MarshalJSON writes it: null for the zero time, else RFC 3339 in UTC to the second
 * (k8s: apimachinery pkg/apis/meta/v1/time.go; time_proto.go drops the nanoseconds on decode).
 */
export function timeJson(seconds: number): string | null {
  if (seconds === GO_ZERO_SECONDS) return null
  return `${isoSeconds(seconds)}Z`
}

/** metav1.MicroTime: RFC 3339 with exactly six fraction digits (pkg/apis/meta/v1/micro_time.go). */
export function microTimeJson(time: UnixTime): string | null {
  if (time.seconds === GO_ZERO_SECONDS && time.nanos === 0) return null
  const micros = Math.trunc(time.nanos / 1000)
  return `${isoSeconds(time.seconds)}.${String(micros).padStart(6, '0')}Z`
}

function isoSeconds(seconds: number): string {
  // Go's time.Time.MarshalJSON refuses the same years.
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) throw new ProtobufError('Time.MarshalJSON: year outside of range [0,9999]')
  return new Date(seconds * 1000).toISOString().slice(0, 19)
}

/**
 * time.Duration.String(): `1h2m3.5s`, `1.5ms`, `0s` (Go's src/time/time.go), which metav1.Duration's
 * MarshalJSON writes. Nanoseconds as a bigint: an int64 does not fit a double.
 */
export function durationString(nanoseconds: bigint): string {
  if (nanoseconds === 0n) return '0s'
  const sign = nanoseconds < 0n ? '-' : ''
  const u = nanoseconds < 0n ? -nanoseconds : nanoseconds
  if (u < 1_000n) return `${sign}${u}ns`
  if (u < 1_000_000n) return `${sign}${fraction(u, 3)}µs`
  if (u < 1_000_000_000n) return `${sign}${fraction(u, 6)}ms`
  const totalSeconds = u / 1_000_000_000n
  const seconds = `${fraction(u % 60_000_000_000n, 9)}s`
  const totalMinutes = totalSeconds / 60n
  if (totalMinutes === 0n) return `${sign}${seconds}`
  const hours = totalMinutes / 60n
  const minutes = `${totalMinutes % 60n}m`
  return `${sign}${hours > 0n ? `${hours}h` : ''}${minutes}${seconds}`
}

/** v / 10^precision with the trailing zeros of the fraction (and a bare point) left out, as Go's fmtFrac. */
function fraction(value: bigint, precision: number): string {
  const scale = 10n ** BigInt(precision)
  const digits = String(value % scale).padStart(precision, '0').replace(/0+$/, '')
  return digits ? `${value / scale}.${digits}` : String(value / scale)
}

// kube's apimachinery/pkg/util/duration, to the letter: kubectl prints Age and Duration cells
// verbatim, so "3m5s" here must be "3m5s" there. Go's int() truncates toward zero, hence Math.trunc.

const SECOND_MS = 1000
const MINUTE_MS = 60 * SECOND_MS
const HOUR_MS = 60 * MINUTE_MS

/** duration.HumanDuration: ~2-3 significant figures (`45s`, `3m5s`, `12m`, `5h3m`, `3d4h`, `2y17d`). */
export function humanDuration(durationMs: number): string {
  const seconds = Math.trunc(durationMs / SECOND_MS)
  // Up to two seconds into the future counts as now, to tolerate clock skew.
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 60 * 2) return `${seconds}s`
  const minutes = Math.trunc(durationMs / MINUTE_MS)
  if (minutes < 10) return joinUnits(minutes, 'm', seconds % 60, 's')
  if (minutes < 60 * 3) return `${minutes}m`
  const hours = Math.trunc(durationMs / HOUR_MS)
  if (hours < 8) return joinUnits(hours, 'h', minutes % 60, 'm')
  if (hours < 48) return `${hours}h`
  const days = Math.trunc(hours / 24)
  if (hours < 24 * 8) return joinUnits(days, 'd', hours % 24, 'h')
  if (hours < 24 * 365 * 2) return `${days}d`
  const years = Math.trunc(days / 365)
  if (hours < 24 * 365 * 8) return joinUnits(years, 'y', days % 365, 'd')
  return `${years}y`
}

/** duration.ShortHumanDuration: one unit only (`45s`, `3m`, `5h`, `3d`, `2y`). */
export function shortHumanDuration(durationMs: number): string {
  const seconds = Math.trunc(durationMs / SECOND_MS)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.trunc(durationMs / MINUTE_MS)
  if (minutes < 60) return `${minutes}m`
  const hours = Math.trunc(durationMs / HOUR_MS)
  if (hours < 24) return `${hours}h`
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`
  return `${Math.trunc(hours / 24 / 365)}y`
}

const joinUnits = (major: number, majorUnit: string, minor: number, minorUnit: string) =>
  minor === 0 ? `${major}${majorUnit}` : `${major}${majorUnit}${minor}${minorUnit}`

/**
 * printers.go translateTimestampSince: the humanised time since an RFC 3339 timestamp,
 * `<unknown>` when there is none (a zero metav1.Time).
 */
export function timeSince(timestamp: unknown, nowMs: number): string {
  const thenMs = typeof timestamp === 'string' ? Date.parse(timestamp) : NaN
  return Number.isNaN(thenMs) ? '<unknown>' : humanDuration(nowMs - thenMs)
}

// The views build HTML strings (one innerHTML per render is what keeps thousands of marks fast);
// every value from the server goes through escapeHtml on the way in.
const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export const escapeHtml = (value) => String(value).replace(/[&<>"']/g, (c) => ENTITIES[c])

const pad = (n, width = 2) => String(n).padStart(width, '0')

/** 13:42:07 in local time ('' for an unknown time). */
export function formatClock(timeMs) {
  if (!Number.isFinite(timeMs)) return ''
  const d = new Date(timeMs)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** 2026-11-25 13:42:07.746 in local time. */
export function formatTimestamp(timeMs) {
  if (!Number.isFinite(timeMs)) return 'unknown'
  const d = new Date(timeMs)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatClock(timeMs)}.${pad(d.getMilliseconds(), 3)}`
}

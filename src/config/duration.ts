const UNITS_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

/** `7d`, `12h`, `30m`, `90s`, `0` (forever) → milliseconds. */
export function parseDuration(raw: string): number {
  const match = /^(\d+)([smhdw]?)$/.exec(raw.trim())
  if (!match) throw new Error(`invalid duration ${JSON.stringify(raw)}: use e.g. 7d, 12h, 30m, 90s or 0`)
  const value = Number(match[1])
  if (value === 0) return 0
  if (!match[2]) throw new Error(`invalid duration ${JSON.stringify(raw)}: give a unit (s, m, h, d, w)`)
  return value * UNITS_MS[match[2]]!
}

/** Nanoseconds per unit of Go's time.ParseDuration (go/src/time/format.go, unitMap). */
const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 }

const quote = (text: string) => JSON.stringify(text)

/**
 * A Go duration (`300ms`, `1.5h`, `2h45m`, `-1s`, `0`) in milliseconds, or the error Go's
 * time.ParseDuration words: `time: invalid duration "x"`, `time: missing unit in duration "1"`,
 * `time: unknown unit "d" in duration "1d"`.
 */
export function parseGoDuration(text: string): number {
  let rest = text
  let sign = 1
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1
    rest = rest.slice(1)
  }
  if (rest === '0') return 0
  if (rest === '') throw new Error(`time: invalid duration ${quote(text)}`)
  let totalNs = 0
  while (rest !== '') {
    const number = /^(\d*)(\.\d*)?/.exec(rest)![0]
    if (number === '' || number === '.') throw new Error(`time: invalid duration ${quote(text)}`)
    rest = rest.slice(number.length)
    const unit = /^[^\d.]*/.exec(rest)![0]
    if (unit === '') throw new Error(`time: missing unit in duration ${quote(text)}`)
    const unitNs = UNIT_NS[unit]
    if (unitNs === undefined) throw new Error(`time: unknown unit ${quote(unit)} in duration ${quote(text)}`)
    rest = rest.slice(unit.length)
    totalNs += Number(number) * unitNs
  }
  return (sign * totalNs) / 1e6
}

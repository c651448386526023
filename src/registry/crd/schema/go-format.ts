// How Go's fmt prints the values apiextensions puts in field errors (unstructured JSON decodes to
// int64, float64, string, bool, []interface{}, map[string]interface{}).

/** %v of a JSON number as unstructured decodes it: int64 for integers, else float64. */
export function goNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63 ? String(n) : goFloat(n)
}

/** %v of a float64: strconv's shortest %g, which switches to an exponent below 1e-4 and from 1e6 (`1e+06`). */
export function goFloat(n: number): string {
  const exponent = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)))
  return exponent < -4 || exponent >= 6 ? goExponent(n) : String(n)
}

function goExponent(n: number): string {
  const [mantissa, power = '0'] = n.toExponential().split('e')
  const sign = power.startsWith('-') ? '-' : '+'
  const digits = power.replace(/^[+-]/, '').padStart(2, '0')
  return `${mantissa}e${sign}${digits}`
}

/** %v / %q / %#v as field.Error's ErrorBody picks them for a decoded JSON value. */
export function goValue(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') return goNumber(value)
  if (typeof value === 'boolean') return String(value)
  return goSharpValue(value)
}

/** %#v of interface{} contents: `map[string]interface {}{"a":1}`, `[]interface {}{"x"}`. */
export function goSharpValue(value: unknown): string {
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSharpElement).join(', ')}}`
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${goSharpElement((value as Record<string, unknown>)[k])}`)
    return `map[string]interface {}{${entries.join(', ')}}`
  }
  return goValue(value)
}

function goSharpElement(value: unknown): string {
  if (value === null || value === undefined) return 'interface {}(nil)'
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : goNumber(value)
  return goSharpValue(value)
}

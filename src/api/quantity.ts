// resource.Quantity as a number (k8s: k8s.io/apimachinery pkg/api/resource/quantity.go): its text is
// a decimal with an optional binary suffix (Ki … Ei), decimal suffix (n, u, m, k, M … E) or
// exponent (1e3). Counted in thousandths, rounded up, as kube rounds quantities to milli scale
// (SetDefaults_ResourceList), in a bigint so that exabytes stay exact.

const QUANTITY = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:(Ki|Mi|Gi|Ti|Pi|Ei)|(n|u|m|k|M|G|T|P|E)|[eE]([+-]?[0-9]+))?$/
const BINARY_POWERS: Readonly<Record<string, bigint>> = { Ki: 10n, Mi: 20n, Gi: 30n, Ti: 40n, Pi: 50n, Ei: 60n }
const DECIMAL_EXPONENTS: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 }

const ceilDivide = (numerator: bigint, denominator: bigint) =>
  numerator >= 0n ? (numerator + denominator - 1n) / denominator : numerator / denominator

/** The quantity in thousandths of its unit (`100m` → 100n, `1Ki` → 1024000n); undefined when it is no quantity. */
export function milliValueOf(text: unknown): bigint | undefined {
  if (typeof text === 'number') return milliValueOf(String(text))
  if (typeof text !== 'string') return undefined
  const match = QUANTITY.exec(text)
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined
  const [, sign, whole, fraction = '', binary, decimal, exponent] = match
  const power = (decimal ? DECIMAL_EXPONENTS[decimal]! : exponent ? Number(exponent) : 0) - fraction.length + 3
  let numerator = BigInt(`${whole}${fraction}` || '0') << (binary ? BINARY_POWERS[binary]! : 0n)
  if (sign === '-') numerator = -numerator
  return power >= 0 ? numerator * 10n ** BigInt(power) : ceilDivide(numerator, 10n ** BigInt(-power))
}

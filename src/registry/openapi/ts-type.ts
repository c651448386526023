/**
 * The few TypeScript type shapes kubernetes-models writes into its generated `.d.ts` files, parsed into
 * data. Numbers stay `number` here: whether one is an int32, an int64 or a double is read later from the
 * package's validators (number-format-probe.ts).
 */
export type TsType =
  | { kind: 'string' | 'number' | 'boolean' | 'unknown' }
  /** a union of string literals: an enum, or the fixed `apiVersion` / `kind` of a top-level kind */
  | { kind: 'literals'; values: readonly string[] }
  /** a named model type, e.g. `IIoK8sApiCoreV1Container` */
  | { kind: 'ref'; name: string }
  | { kind: 'array'; items: TsType }
  /** `{ [key: string]: T }` */
  | { kind: 'map'; values: TsType }
  /** a union of scalars, e.g. `number | string` (Quantity, IntOrString) */
  | { kind: 'union'; members: readonly TsType[] }

const SCALARS: Record<string, TsType> = {
  string: { kind: 'string' },
  number: { kind: 'number' },
  boolean: { kind: 'boolean' },
  any: { kind: 'unknown' },
  object: { kind: 'unknown' },
  unknown: { kind: 'unknown' },
}

/** Parses one property or alias type as kubernetes-models prints it; unknown shapes become `unknown`. */
export function parseTsType(text: string): TsType {
  const type = text.replace(/\s+/g, ' ').trim()
  const array = /^Array<(.*)>$/.exec(type)
  if (array) return { kind: 'array', items: parseTsType(array[1]!) }
  const map = /^\{ \[key: string\]: (.*?);? \}$/.exec(type)
  if (map) return { kind: 'map', values: parseTsType(map[1]!) }
  const members = splitUnion(type)
  if (members.length > 1) {
    const literals = members.map(literalValue)
    if (literals.every((v) => v !== undefined)) return { kind: 'literals', values: literals as string[] }
    return { kind: 'union', members: members.map(parseTsType) }
  }
  const literal = literalValue(type)
  if (literal !== undefined) return { kind: 'literals', values: [literal] }
  if (/^I[A-Z]\w*$/.test(type)) return { kind: 'ref', name: type }
  return SCALARS[type] ?? { kind: 'unknown' }
}

/** Splits `a | b` at top level only; the generated types never nest a union inside `<>` or `{}`. */
function splitUnion(type: string): string[] {
  if (/[<{]/.test(type)) return [type]
  return type.split('|').map((m) => m.trim())
}

function literalValue(member: string): string | undefined {
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(member)
  return m ? (JSON.parse(`"${m[1]}"`) as string) : undefined
}

import { isCelList, isCelMap, type CelValue } from '@bufbuild/cel'

// What one call costs, after cel-go's runtime cost tracker (interpreter/runtimecost.go) and kube's
// library costs (apiserver/pkg/cel/library/cost.go): 1 per call, plus 0.1 per character for the
// strings a function traverses (the product of the two for contains and regular expressions),
// plus the size of the lists and maps it walks. Charged before the call runs, from its inputs, so
// an expensive call is refused before it allocates (`replace`, `join`, `+` on long strings).

/** the function instrumentIterations puts into loop conditions: its cost is its second argument */
export const ITERATION_WEIGHT_FUNCTION = '@iteration'
const TRAVERSAL = 0.1
const REGEX = 0.25
const REGEX_FUNCTIONS = new Set(['matches', 'find', 'findAll'])
const PRODUCT_FUNCTIONS = new Set(['contains', 'indexOf', 'lastIndexOf', 'split'])

/** The cost of calling `name` on these values. */
export function callCost(name: string, target: CelValue | undefined, args: readonly CelValue[]): number {
  if (name === ITERATION_WEIGHT_FUNCTION) return Number(args[1])
  if (name === '@range') return 1 + Math.ceil(valueCost(args[0] as CelValue) * TRAVERSAL)
  const inputs = target === undefined ? args : [target, ...args]
  if (REGEX_FUNCTIONS.has(name)) return 1 + productCost(inputs, REGEX)
  if (PRODUCT_FUNCTIONS.has(name) && typeof inputs[0] === 'string') return 1 + productCost(inputs, TRAVERSAL)
  if (name === 'replace') return 1 + Math.ceil(replaceSize(inputs) * TRAVERSAL)
  if (name === 'join') return 1 + Math.ceil(joinSize(inputs[0]) * TRAVERSAL)
  // sets.contains and friends compare every element of one list with every element of the other
  if (name.startsWith('sets.')) return 1 + inputs.reduce<number>((product, v) => product * Math.max(1, valueCost(v)), 1)
  let cost = 1
  for (const value of inputs) cost += valueCost(value)
  return Math.ceil(cost)
}

/** 0.1 per character of a string or byte, 1 per element of a list or entry of a map. */
function valueCost(value: CelValue): number {
  if (typeof value === 'string') return value.length * TRAVERSAL
  if (value instanceof Uint8Array) return value.length * TRAVERSAL
  if (isCelList(value) || isCelMap(value)) return value.size
  return 0
}

function productCost(inputs: readonly CelValue[], secondFactor: number): number {
  const [first, second] = inputs
  const firstSize = typeof first === 'string' ? first.length : 1
  const secondSize = typeof second === 'string' ? second.length : 1
  return Math.ceil((1 + firstSize) * TRAVERSAL) * Math.ceil((1 + secondSize) * secondFactor)
}

/** The largest string `s.replace(old, new)` can produce. */
function replaceSize(inputs: readonly CelValue[]): number {
  const [s, old, replacement] = inputs.map((v) => (typeof v === 'string' ? v.length : 0)) as [number, number, number]
  const occurrences = old === 0 ? s + 1 : Math.floor(s / old)
  return s + occurrences * replacement
}

function joinSize(list: CelValue | undefined): number {
  if (!isCelList(list)) return 0
  let size = list.size
  for (const item of list) if (typeof item === 'string') size += item.length
  return size
}

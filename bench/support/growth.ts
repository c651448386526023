import type { ResultRow } from './result-row.js'
import { sizeLabel } from './scale-sizes.js'

/**
 * How a figure should grow with size. `ratioAt` maps the size ratio (size / smallest size) to the
 * figure's expected ratio; a row is flagged when it grows more than GROWTH_TOLERANCE times faster.
 */
export interface Complexity {
  label: string
  ratioAt(sizeRatio: number): number
}

/** flat: the same cost whatever the size (O(log n) counts as flat: a B-tree gains a level or two) */
export const FLAT = (label: string): Complexity => ({ label, ratioAt: () => 1 })
export const LINEAR = (label: string): Complexity => ({ label, ratioAt: (sizeRatio) => sizeRatio })

export const GROWTH_TOLERANCE = 1.5

export interface GrowthPoint {
  size: number
  value: number
}

/** One row of the scaling table: a figure measured at several sizes, the first the smallest. */
export interface GrowthSeries {
  /** e.g. 'creates/s' */
  name: string
  unit: string
  /** what the size counts, e.g. 'objects stored' */
  sizeUnit: string
  complexity: Complexity
  /** throughput: a ratio below 1 is the growth */
  isHigherBetter?: boolean
  points: GrowthPoint[]
}

const sizeRatio = (base: GrowthPoint, point: GrowthPoint) => (base.size === 0 ? 1 : point.size / base.size)
/** how many times worse than at the smallest size: >1 is worse, whatever the direction of the figure */
const worsening = (series: GrowthSeries, base: GrowthPoint, point: GrowthPoint) =>
  series.isHigherBetter ? base.value / point.value : point.value / base.value

/** the allowed worsening at `point`: the expected growth times the tolerance */
const allowed = (series: GrowthSeries, base: GrowthPoint, point: GrowthPoint) => series.complexity.ratioAt(sizeRatio(base, point)) * GROWTH_TOLERANCE

/** Result rows: each larger size against the smallest, judged against its expected growth. */
export function growthRows(series: GrowthSeries): ResultRow[] {
  const [base, ...rest] = series.points
  if (!base) return []
  return rest.map((point) => {
    const limit = allowed(series, base, point)
    return {
      case: `scaling: ${series.name} at ${sizeLabel(point.size)} ${series.sizeUnit} (expect ${series.complexity.label})`,
      unit: series.unit, ours: point.value, reference: base.value, referenceLabel: `at ${sizeLabel(base.size)}`,
      goal: series.isHigherBetter ? { type: 'ratio-at-least', ratio: Number((1 / limit).toFixed(3)) } : { type: 'ratio-at-most', ratio: Number(limit.toFixed(2)) },
    }
  })
}

const f = (value: number) => (Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: value >= 100 ? 0 : 2 }) : '—')

/** Log lines: the figure at each size, its ratio to the smallest, and a flag when it grows faster than expected. */
export function describeGrowth(series: GrowthSeries): string {
  const [base] = series.points
  if (!base) return `  ${series.name}: no figures`
  const cells = series.points.map((point) => {
    const ratio = point.value / base.value
    const worse = worsening(series, base, point)
    const isFlagged = point !== base && (Number.isNaN(worse) || worse > allowed(series, base, point))
    return `${sizeLabel(point.size)}: ${f(point.value)} ${series.unit} (${f(ratio)}×)${isFlagged ? (Number.isFinite(worse) ? ' GROWS FASTER THAN EXPECTED' : ' NO FIGURE') : ''}`
  })
  return `  ${series.name} by ${series.sizeUnit}, expect ${series.complexity.label}: ${cells.join('; ')}`
}

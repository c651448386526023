/** What a row is judged against, from the goals; absent for figures shown for context. */
export type Goal =
  | { type: 'ratio-at-least'; ratio: number }
  | { type: 'ratio-at-most'; ratio: number }
  | { type: 'ours-below'; value: number }

/** One line of the results table: our figure beside its reference, measured in the same run. */
export interface ResultRow {
  case: string
  unit: string
  ours: number
  /** undefined when the reference could not run (then `note` says why) */
  reference?: number
  referenceLabel: string
  goal?: Goal
  note?: string
}

export const ratioOf = (row: ResultRow): number | undefined =>
  row.reference === undefined || row.reference === 0 ? undefined : row.ours / row.reference

/** true/false when the row has a goal that could be judged, undefined otherwise. */
export function isGoalMet(row: ResultRow): boolean | undefined {
  const { goal } = row
  if (!goal) return undefined
  if (goal.type === 'ours-below') return row.ours < goal.value
  const ratio = ratioOf(row)
  if (ratio === undefined) return undefined
  return goal.type === 'ratio-at-least' ? ratio >= goal.ratio : ratio <= goal.ratio
}

export function describeGoal(goal: Goal | undefined, unit: string): string {
  if (!goal) return ''
  if (goal.type === 'ours-below') return `< ${goal.value} ${unit}`
  return `${goal.type === 'ratio-at-least' ? '≥' : '≤'} ${goal.ratio}×`
}

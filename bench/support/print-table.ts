import { describeGoal, isGoalMet, ratioOf, type ResultRow } from './result-row.js'

const figure = (value: number | undefined, unit: string) => {
  if (value === undefined || Number.isNaN(value)) return '—'
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`
}

/** Renders the rows as a fixed-width text table, one line per row. */
export function formatTable(rows: readonly ResultRow[]): string {
  const header = ['case', 'ours', 'reference', 'ratio', 'goal', 'met?']
  const lines = rows.map((row) => {
    const ratio = ratioOf(row)
    const met = isGoalMet(row)
    return [
      row.case,
      figure(row.ours, row.unit),
      row.reference === undefined ? (row.note ?? '—') : `${figure(row.reference, row.unit)} (${row.referenceLabel})`,
      ratio === undefined ? '—' : `${ratio.toFixed(2)}×`,
      describeGoal(row.goal, row.unit),
      met === undefined ? (row.goal ? 'n/a' : '') : met ? 'yes' : 'NO',
    ]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]!.length)))
  const render = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' │ ').trimEnd()
  return [render(header), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...lines.map(render)].join('\n')
}

import type { ResultRow } from './result-row.js'
import { trackMachineLoad, type MachineLoad } from './machine-load.js'

/**
 * Other processes' CPU use during a case above which it runs once more: half a core is a quarter of
 * a 2-core machine, enough to shift a ratio by more than the run-to-run spread of a quiet machine.
 * The bench's own processes (load generators, watch clients, servers) do not count: they may fill
 * both cores by design, and CPU pressure (PSI) alone cannot tell them from a noisy neighbour.
 */
export const OTHERS_CORES_LIMIT = 0.5

export interface QuietRunOptions {
  log(line: string): void
  /** false: run once whatever the load (`--no-rerun`) */
  shouldRerun: boolean
}

export interface QuietRunOutcome {
  rows: ResultRow[]
  /** set when the case ran twice: why, and which run's rows were kept */
  rerunReason?: string
}

const describe = (load: MachineLoad) =>
  `other processes used ${load.othersCores.toFixed(2)} of ${load.cpus} cores on average` +
  (load.pressureShare === undefined ? '' : `, CPU pressure ${(100 * load.pressureShare).toFixed(0)}% (some task waiting, ours included)`)

async function measured(run: () => Promise<ResultRow[]>): Promise<{ rows: ResultRow[]; load: MachineLoad }> {
  const tracker = trackMachineLoad()
  const rows = await run()
  return { rows, load: tracker.stop() }
}

/** Runs a case, and once more when other processes took more than OTHERS_CORES_LIMIT cores; keeps the quieter run. */
export async function runCaseOnQuietMachine(run: () => Promise<ResultRow[]>, options: QuietRunOptions): Promise<QuietRunOutcome> {
  const first = await measured(run)
  options.log(`  machine during the case: ${describe(first.load)}`)
  if (first.load.othersCores <= OTHERS_CORES_LIMIT) return { rows: first.rows }
  if (!options.shouldRerun) {
    options.log(`  above ${OTHERS_CORES_LIMIT} cores: the figures are suspect (--no-rerun)`)
    return { rows: first.rows, rerunReason: `not rerun (--no-rerun) although ${describe(first.load)}` }
  }
  options.log(`  above ${OTHERS_CORES_LIMIT} cores of other processes' use: running the case once more`)
  const second = await measured(run)
  options.log(`  machine during the rerun: ${describe(second.load)}`)
  const kept = second.load.othersCores <= first.load.othersCores ? second : first
  const which = kept === second ? 'the rerun' : 'the first run'
  options.log(`  kept ${which}'s figures`)
  return { rows: kept.rows, rerunReason: `first run: ${describe(first.load)}; rerun: ${describe(second.load)}; kept ${which}` }
}

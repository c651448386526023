import type { ResultRow } from './result-row.js'

export interface CaseContext {
  /** progress lines, printed as the run goes */
  log(line: string): void
  /** when set, the server child of the create case is run with --cpu-prof into this directory */
  cpuProfileDir?: string
}

/** One benchmark case: measures ours and its references side by side, returns table rows. */
export interface BenchCase {
  name: string
  run(ctx: CaseContext): Promise<ResultRow[]>
}

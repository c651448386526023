/** The sizes of the scaling cases; BENCH_SCALE=small shrinks them ~100× for a quick smoke run. */
export interface ScaleSizes {
  name: 'full' | 'small'
  /** creates are measured with this many objects already stored */
  createStored: number[]
  /** Pods in the listed namespace */
  listed: number
  /** ... with this many Pods stored in all (the listed ones included) */
  listStored: number[]
  /** start → ready with this many objects and this many events in the log */
  startObjects: number
  startEvents: number
  /**
   * watch fan-out at these watcher counts, all at the same total delivery rate: the smallest count
   * then needs the most writes a second (500 at 100 watchers), which a 2-core machine still answers
   */
  watchers: number[]
  deliveredPerSecond: number
  /** one watcher resuming this many events back: each below startEvents - startObjects (the updates) */
  catchUpDistances: number[]
}

const FULL: ScaleSizes = {
  name: 'full',
  createStored: [0, 100_000, 1_000_000],
  listed: 10_000,
  listStored: [10_000, 100_000, 1_000_000],
  startObjects: 100_000,
  startEvents: 1_000_000,
  watchers: [100, 1000, 10_000],
  deliveredPerSecond: 50_000,
  catchUpDistances: [1000, 10_000, 100_000],
}

const SMALL: ScaleSizes = {
  name: 'small',
  createStored: [0, 1000, 10_000],
  listed: 1000,
  listStored: [1000, 10_000],
  startObjects: 1000,
  startEvents: 20_000,
  watchers: [10, 100, 1000],
  deliveredPerSecond: 5000,
  catchUpDistances: [100, 1000, 10_000],
}

export function scaleSizes(): ScaleSizes {
  const name = process.env['BENCH_SCALE'] ?? 'full'
  if (name !== 'full' && name !== 'small') throw new Error(`BENCH_SCALE must be full or small, not ${name}`)
  return name === 'small' ? SMALL : FULL
}

/** 1000 → 1k, 1000000 → 1M */
export const sizeLabel = (n: number): string =>
  n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n)

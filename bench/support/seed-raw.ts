import { startTsChild } from './children.js'
import type { SeedResult, SeedSpec } from './seed-raw-sqlite.js'

/** Seeds <dir>/watchplane.db in a child process (seed-raw-sqlite.ts): the server started afterwards begins with a cold heap. */
export async function seedRaw(dir: string, spec: SeedSpec): Promise<SeedResult> {
  const child = startTsChild('bench/support/seed-raw-sqlite.ts', [dir, JSON.stringify(spec)])
  try {
    const match = await child.waitFor(/SEEDED (\{.*\})/, 600_000)
    return JSON.parse(match[1]!) as SeedResult
  } finally {
    await child.stop()
  }
}

export const describeSeed = (seeded: SeedResult): string =>
  `seeded ${seeded.objects.toLocaleString('en-US')} Pods, ${seeded.events.toLocaleString('en-US')} events straight into SQLite in ${(seeded.ms / 1000).toFixed(1)} s`

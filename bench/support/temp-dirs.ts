import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const made: string[] = []

/** A fresh directory under the OS temp dir, removed by removeTempDirs() (run.ts calls it on every exit path). */
export function makeTempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `watchplane-bench-${label}-`))
  made.push(dir)
  return dir
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
}

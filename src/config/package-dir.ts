import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * A folder shipped beside package.json (migrations/, src/ui/static/), found by walking up from the
 * calling module, so it resolves alike from src/ (tsx) and dist/src/ (the build).
 */
export function findPackageDir(fromModuleUrl: string, subpath: string): string {
  let dir = dirname(fileURLToPath(fromModuleUrl))
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, subpath))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`${subpath} not found beside package.json`)
    dir = parent
  }
  return join(dir, subpath)
}

/** The database file inside a data dir: the server's, and the one the command-line tools read. */
export const databasePathIn = (dataDir: string) => join(dataDir, 'watchplane.db')

import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { ModelsPackage } from './models-package.js'
import type { OpenApiSchema } from './property-schema.js'

/**
 * The build writes the built-in kinds' component schemas beside the bundle
 * (scripts/write-prebuilt-schemas.ts), so a built server reads one JSON file (~6 ms) where building
 * them reads ~400 `.d.ts` files and loads the package's validators to probe number formats (~150 ms
 * and ~10 MB at a fresh start, whose seeded objects are validated). Run from the sources there is
 * no such file and the schemas are built.
 */
export const PREBUILT_SCHEMAS_FILE = 'builtin-schemas.json'

/** What the file was built from: a file for other roots or another package version is not used. */
export interface PrebuiltSchemas {
  modelsVersion: string
  roots: string[]
  schemas: Record<string, OpenApiSchema>
}

/** the fingerprint of a schema build: the package's version and the root schemas, by name */
export function prebuiltKey(models: ModelsPackage, rootNames: readonly string[]): Omit<PrebuiltSchemas, 'schemas'> {
  return { modelsVersion: models.version(), roots: [...rootNames] }
}

/** the schemas in `dir`'s file when it was built for exactly this key; otherwise undefined */
export function readPrebuiltSchemas(dir: string, key: Omit<PrebuiltSchemas, 'schemas'>): Record<string, OpenApiSchema> | undefined {
  let file: PrebuiltSchemas
  try {
    file = JSON.parse(readFileSync(path.join(dir, PREBUILT_SCHEMAS_FILE), 'utf8')) as PrebuiltSchemas
  } catch {
    // None (run from the sources), or not whole: the schemas are built instead.
    return undefined
  }
  const isSameBuild = file.modelsVersion === key.modelsVersion && file.roots.length === key.roots.length && file.roots.every((root, i) => root === key.roots[i])
  return isSameBuild ? file.schemas : undefined
}

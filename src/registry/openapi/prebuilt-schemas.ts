import { readFileSync } from 'node:fs'
import path from 'node:path'
import { deepFreeze } from './deep-freeze.js'
import { modelsPackageVersion } from './models-package.js'
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
export function prebuiltKey(rootNames: readonly string[]): Omit<PrebuiltSchemas, 'schemas'> {
  return { modelsVersion: modelsPackageVersion(), roots: [...rootNames] }
}

/**
 * The file's text as the build writes it: the key on the first line, then one schema a line, and
 * nothing but ASCII (a single non-ASCII character makes V8 hold the whole text two bytes a character).
 */
export function serializePrebuiltSchemas(file: PrebuiltSchemas): string {
  const { schemas, ...key } = file
  const lines = Object.entries(schemas).map(([name, schema]) => `${JSON.stringify(name)}:${JSON.stringify(schema)}`)
  const text = `${JSON.stringify(key).slice(0, -1)},"schemas":{\n${lines.join(',\n')}\n}}\n`
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/**
 * The schemas in `dir`'s file when it was built for exactly this key; otherwise undefined. They
 * come as a frozen record whose each schema is parsed and deep-frozen when first read (the same
 * object every read): a fresh start's seeded objects read a few dozen of ~380. Parsing all ~4,400
 * objects at once cost it ~2.5 MB of heap, and the young generation grew to hold them; the text the
 * unread schemas are kept as is ~0.6 MB.
 */
export function readPrebuiltSchemas(dir: string, key: Omit<PrebuiltSchemas, 'schemas'>): Readonly<Record<string, OpenApiSchema>> | undefined {
  let text: string
  try {
    text = readFileSync(path.join(dir, PREBUILT_SCHEMAS_FILE), 'utf8')
  } catch {
    // None: run from the sources, and the schemas are built instead.
    return undefined
  }
  // Not in the build's layout (not whole, say): the schemas are built instead.
  const file = schemaLines(text)
  const isSameBuild = file && file.key.modelsVersion === key.modelsVersion && file.key.roots.length === key.roots.length && file.key.roots.every((root, i) => root === key.roots[i])
  return isSameBuild ? frozenWhenRead(file.schemas) : undefined
}

type SchemaSource = () => OpenApiSchema
interface FileParts {
  key: Omit<PrebuiltSchemas, 'schemas'>
  schemas: Map<string, SchemaSource>
}

/** a file in the build's layout (serializePrebuiltSchemas): the key parsed, each schema left as its line */
function schemaLines(text: string): FileParts | undefined {
  const lines = text.split('\n')
  if (!lines[0]!.endsWith('"schemas":{') || lines.at(-2) !== '}}') return undefined
  let key: Omit<PrebuiltSchemas, 'schemas'>
  try {
    key = JSON.parse(`${lines[0]}}}`) as Omit<PrebuiltSchemas, 'schemas'>
  } catch {
    return undefined
  }
  const schemas = new Map<string, SchemaSource>()
  for (const line of lines.slice(1, -2)) {
    const nameEnd = line.indexOf('":') + 1
    const value = line.slice(nameEnd + 1, line.endsWith(',') ? -1 : undefined)
    schemas.set(JSON.parse(line.slice(0, nameEnd)) as string, () => JSON.parse(value) as OpenApiSchema)
  }
  return { key, schemas }
}

function frozenWhenRead(sources: Map<string, SchemaSource>): Readonly<Record<string, OpenApiSchema>> {
  const record: Record<string, OpenApiSchema> = {}
  for (const [name, source] of sources) {
    let schema: OpenApiSchema | undefined
    Object.defineProperty(record, name, { enumerable: true, get: () => (schema ??= deepFreeze(source())) })
  }
  return Object.freeze(record)
}

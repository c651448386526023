import { close, closeSync, openSync, readSync } from 'node:fs'
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
 * come as a frozen record whose each schema is read from the file, parsed and deep-frozen when first
 * read (the same object every read): a fresh start's seeded objects read 22 of ~380. Parsing all
 * ~4,400 objects at once cost it ~2.5 MB of heap, and the young generation grew to hold them.
 * Neither is the file's text kept (~0.6 MB of heap), nor read whole: node's readFileSync grows a
 * buffer for it twice over (~1.7 MB) that glibc, once freed, keeps resident. The file stays open
 * while the record lives, one read a schema: each fs call runs node's argument validators, and
 * opening and closing it for each schema took a fresh start's validators near V8's budget for
 * optimizing them (that pages TurboFan in: ~4 MB of RSS).
 */
export function readPrebuiltSchemas(dir: string, key: Omit<PrebuiltSchemas, 'schemas'>): Readonly<Record<string, OpenApiSchema>> | undefined {
  const file = path.join(dir, PREBUILT_SCHEMAS_FILE)
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch {
    // None: run from the sources, and the schemas are built instead.
    return undefined
  }
  const layout = layoutOrUndefined(fd)
  // Not in the build's layout (not whole, say): the schemas are built instead.
  const isSameBuild = layout && layout.key.modelsVersion === key.modelsVersion && layout.key.roots.length === key.roots.length && layout.key.roots.every((root, i) => root === key.roots[i])
  if (!isSameBuild) {
    closeSync(fd)
    return undefined
  }
  const record = frozenWhenRead({ file, fd }, layout.lines)
  closedWhenCollected.register(record, fd)
  return record
}

/** Closes a schema record's file once nothing can read the record any more (each server's app has one). */
const closedWhenCollected = new FinalizationRegistry<number>((fd) => close(fd, () => undefined))

/** where one schema's line is in the file: `"<name>":<schema>` and then `,` or the end of the line */
interface LineSpan {
  offset: number
  bytes: number
}
interface FileLayout {
  key: Omit<PrebuiltSchemas, 'schemas'>
  lines: Map<string, LineSpan>
}
interface OpenFile {
  file: string
  fd: number
}

const layoutOrUndefined = (fd: number): FileLayout | undefined => {
  try {
    return readLayout(fd)
  } catch {
    return undefined
  }
}

/** a file in the build's layout (serializePrebuiltSchemas): the key parsed, where each schema's line is */
function readLayout(fd: number): FileLayout | undefined {
  const lines = new Map<string, LineSpan>()
  let first: string | undefined
  let last: string | undefined
  forEachLine(fd, (line, offset) => {
    if (first === undefined) return void (first = line.toString('utf8'))
    last = line.length === 2 ? line.toString('latin1') : undefined
    const nameEnd = line.indexOf('":') + 1
    if (nameEnd > 0) lines.set(JSON.parse(line.toString('utf8', 0, nameEnd)) as string, { offset, bytes: line.length })
  })
  if (!first?.endsWith('"schemas":{') || last !== '}}') return undefined
  return { key: JSON.parse(`${first}}}`) as Omit<PrebuiltSchemas, 'schemas'>, lines }
}

const CHUNK_BYTES = 64 * 1024
const NO_BYTES = Buffer.alloc(0)

/** Calls `onLine` with each whole line of the file (without its newline) and where it starts, reading 64 KiB at a time. */
function forEachLine(fd: number, onLine: (line: Buffer, offset: number) => void): void {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES)
  // the start of a line the previous chunk ended in
  let head = NO_BYTES
  for (let position = 0, bytes = 0; (bytes = readSync(fd, chunk, 0, CHUNK_BYTES, position)) > 0; position += bytes) {
    const read = chunk.subarray(0, bytes)
    let start = 0
    for (let end = read.indexOf(10); end !== -1; start = end + 1, end = read.indexOf(10, start)) {
      const line = head.length > 0 ? Buffer.concat([head, read.subarray(start, end)]) : read.subarray(start, end)
      onLine(line, position + end - line.length)
      head = NO_BYTES
    }
    head = Buffer.concat([head, read.subarray(start)])
  }
}

function frozenWhenRead(open: OpenFile, lines: Map<string, LineSpan>): Readonly<Record<string, OpenApiSchema>> {
  const record: Record<string, OpenApiSchema> = {}
  for (const [name, span] of lines) {
    let schema: OpenApiSchema | undefined
    Object.defineProperty(record, name, { enumerable: true, get: () => (schema ??= deepFreeze(readSchema(open, name, span))) })
  }
  return Object.freeze(record)
}

/** one schema, from its line in the file; a file rewritten since its layout was read is an error, not another schema */
function readSchema({ file, fd }: OpenFile, name: string, span: LineSpan): OpenApiSchema {
  const line = Buffer.allocUnsafe(span.bytes)
  const bytes = readSync(fd, line, 0, span.bytes, span.offset)
  const text = line.toString('utf8')
  const prefix = `${JSON.stringify(name)}:`
  if (bytes !== span.bytes || !text.startsWith(prefix)) throw new Error(`${file} changed while the server ran: restart it`)
  return JSON.parse(text.slice(prefix.length, text.endsWith(',') ? -1 : undefined)) as OpenApiSchema
}

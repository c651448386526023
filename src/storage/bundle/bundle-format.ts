import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream'
import { createGunzip } from 'node:zlib'
import type { CommitType } from '../../commits/commit.js'

// A history bundle: gzip'd NDJSON, a header line, then one line per log row in revision order.
// The same format whatever storage wrote it or reads it: SQLite and PostgreSQL export and import it.

/** The first line of a history bundle. */
export interface BundleHeader {
  kind: 'HistoryBundle'
  formatVersion: typeof BUNDLE_FORMAT_VERSION
  /** the newest revision in the source log */
  currentRevision: number
  /** the source's compaction point: rows at or before it are only those still current then */
  compactedRevision: number
  /** RFC 3339 */
  exportedAt: string
  /** how many event lines follow: a short bundle is refused on import */
  events: number
}

export const BUNDLE_FORMAT_VERSION = 1

/** Every column of a log row, as a bundle line names them; `object` is the stored JSON text. */
export interface LogRow {
  revision: number
  resource: string
  namespace: string
  name: string
  type: CommitType
  prev_revision: number | null
  verb: string
  field_manager: string | null
  user_agent: string | null
  username: string | null
  committed_at: number
  object: string
}

export const LOG_COLUMNS = ['revision', 'resource', 'namespace', 'name', 'type', 'prev_revision', 'verb', 'field_manager', 'user_agent', 'username', 'committed_at', 'object'] as const

/** A bundle that cannot be imported: not a bundle, a newer format, a bad or missing line. */
export class BundleError extends Error {
  override readonly name = 'BundleError'
}

// The stored object text goes in as it is, unparsed: it is already JSON, and export stays a copy.
export function toLine({ object, ...columns }: LogRow): string {
  return `${JSON.stringify(columns).slice(0, -1)},"object":${object}}\n`
}

/** Lines of a gunzip'd stream, without re-joining a long line per chunk (a 3 MiB object is one line). */
export async function* readLines(input: Readable): AsyncGenerator<string> {
  const text = pipeline(input, createGunzip(), () => {}) // errors reach the loop below through `text`
  text.setEncoding('utf8')
  let parts: string[] = []
  for await (const chunk of text as AsyncIterable<string>) {
    let start = 0
    for (let end = chunk.indexOf('\n'); end !== -1; start = end + 1, end = chunk.indexOf('\n', start)) {
      parts.push(chunk.slice(start, end))
      yield parts.join('')
      parts = []
    }
    if (start < chunk.length) parts.push(chunk.slice(start))
  }
  if (parts.length > 0) yield parts.join('')
}

function parseJson(line: string, what: string): unknown {
  try {
    return JSON.parse(line)
  } catch {
    throw new BundleError(`${what} is not JSON`)
  }
}

export function parseHeader(line: string | undefined): BundleHeader {
  const header = (line ? parseJson(line, 'the first line') : undefined) as Partial<BundleHeader> | undefined
  if (header?.kind !== 'HistoryBundle') throw new BundleError('not a history bundle: the first line is no HistoryBundle header')
  if (header.formatVersion !== BUNDLE_FORMAT_VERSION) throw new BundleError(`bundle format version ${header.formatVersion} is not the one this watchplane reads (${BUNDLE_FORMAT_VERSION})`)
  for (const field of ['currentRevision', 'compactedRevision', 'events'] as const) {
    if (!Number.isSafeInteger(header[field])) throw new BundleError(`the bundle header has no ${field}`)
  }
  return header as BundleHeader
}

const TYPES = ['ADDED', 'MODIFIED', 'DELETED']

/** One row line; its object is serialized again, which gives back the stored text (it was JSON.stringify's). */
export function parseRow(line: string, lineNumber: number, lastRevision: number): LogRow {
  const row = parseJson(line, `line ${lineNumber}`) as Omit<LogRow, 'object'> & { object: unknown }
  const isValid = Number.isSafeInteger(row.revision) && row.revision > lastRevision && TYPES.includes(row.type) &&
    [row.resource, row.namespace, row.name, row.verb].every((v) => typeof v === 'string') &&
    Number.isSafeInteger(row.committed_at) && typeof row.object === 'object' && row.object !== null
  if (!isValid) throw new BundleError(`line ${lineNumber}: not an event row in revision order`)
  return { ...row, object: JSON.stringify(row.object) }
}

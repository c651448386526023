import type { Database } from 'better-sqlite3'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { asRevision } from '../../api/resource-version.js'
import type { CommitType } from '../../commits/commit.js'
import { BUNDLE_FORMAT_VERSION, type BundleHeader } from './bundle-export.js'
import { recordCompactedRevision } from './compaction.js'
import { EventLog } from './event-log.js'
import { Snapshot } from './snapshot.js'

/** A bundle that cannot be imported: not a bundle, a newer format, a bad or missing line. */
export class BundleError extends Error {
  override readonly name = 'BundleError'
}

interface BundleRow {
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
  object: object
}

// Rows per transaction, and the text they may add up to: few fsyncs, bounded memory.
const BATCH_ROWS = 5000
const BATCH_CHARS = 32 * 1024 * 1024
const TYPES = ['ADDED', 'MODIFIED', 'DELETED']

/** Lines of a gunzip'd stream, without re-joining a long line per chunk (a 3 MiB object is one line). */
async function* readLines(input: Readable): AsyncGenerator<string> {
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

function parseHeader(line: string | undefined): BundleHeader {
  const header = (line ? parseJson(line, 'the first line') : undefined) as Partial<BundleHeader> | undefined
  if (header?.kind !== 'HistoryBundle') throw new BundleError('not a history bundle: the first line is no HistoryBundle header')
  if (header.formatVersion !== BUNDLE_FORMAT_VERSION) throw new BundleError(`bundle format version ${header.formatVersion} is not the one this watchplane reads (${BUNDLE_FORMAT_VERSION})`)
  for (const field of ['currentRevision', 'compactedRevision', 'events'] as const) {
    if (!Number.isSafeInteger(header[field])) throw new BundleError(`the bundle header has no ${field}`)
  }
  return header as BundleHeader
}

function parseRow(line: string, lineNumber: number, lastRevision: number): BundleRow {
  const row = parseJson(line, `line ${lineNumber}`) as BundleRow
  const isValid = Number.isSafeInteger(row.revision) && row.revision > lastRevision && TYPES.includes(row.type) &&
    [row.resource, row.namespace, row.name, row.verb].every((v) => typeof v === 'string') &&
    Number.isSafeInteger(row.committed_at) && typeof row.object === 'object' && row.object !== null
  if (!isValid) throw new BundleError(`line ${lineNumber}: not an event row in revision order`)
  return row
}

/** One transaction over many rows, each written as the commit path writes it: log row, key, snapshot. */
function rowWriter(db: Database): (rows: readonly BundleRow[]) => void {
  const log = new EventLog(db)
  const snapshot = new Snapshot(db)
  return db.transaction((rows: readonly BundleRow[]) => {
    for (const row of rows) {
      const key = { resource: row.resource, namespace: row.namespace, name: row.name }
      const revision = asRevision(row.revision)
      // Objects were stored as JSON.stringify wrote them, so parse + stringify gives back the same text.
      const json = JSON.stringify(row.object)
      const audit = { verb: row.verb, fieldManager: row.field_manager ?? undefined, userAgent: row.user_agent ?? undefined, username: row.username ?? undefined }
      const prevRevision = row.prev_revision === null ? undefined : asRevision(row.prev_revision)
      log.append({ revision, type: row.type, key, json, prevRevision, audit }, row.committed_at)
      log.recordKey(key, revision) // the first retained row of a key wins: rows come in revision order
      if (row.type === 'DELETED') snapshot.delete(key)
      else snapshot.put(key, revision, json)
    }
  })
}

/** Writes every row line in batches; returns how many rows there were. */
async function loadRows(lines: AsyncIterable<string>, write: (rows: readonly BundleRow[]) => void): Promise<number> {
  let batch: BundleRow[] = []
  let batchChars = 0
  let lastRevision = 0
  let lineNumber = 1
  let rowCount = 0
  for await (const line of lines) {
    lineNumber += 1
    if (line === '') continue
    const row = parseRow(line, lineNumber, lastRevision)
    batch.push(row)
    batchChars += line.length
    lastRevision = row.revision
    rowCount += 1
    if (batch.length >= BATCH_ROWS || batchChars >= BATCH_CHARS) {
      write(batch)
      batch = []
      batchChars = 0
    }
  }
  write(batch)
  return rowCount
}

const isGzipError = (error: unknown) => ['Z_DATA_ERROR', 'Z_BUF_ERROR'].includes((error as { code?: string }).code ?? '')

/**
 * Loads a history bundle into an empty database: every row keeps its revision, and replaying the
 * rows in order through the commit path's own writers rebuilds the snapshot (each key's newest
 * row unless a deletion) and object_keys. Then the compaction point is restored.
 */
export async function importBundle(db: Database, input: Readable): Promise<BundleHeader> {
  if (db.prepare('SELECT EXISTS (SELECT 1 FROM events) OR EXISTS (SELECT 1 FROM objects)').pluck().get()) {
    throw new BundleError('the database is not empty; a bundle goes into a fresh one')
  }
  const lines = readLines(input)
  try {
    const header = parseHeader((await lines.next()).value || undefined)
    const rowCount = await loadRows(lines, rowWriter(db))
    if (rowCount !== header.events) throw new BundleError(`the bundle is cut short: its header promises ${header.events} events, it holds ${rowCount}`)
    recordCompactedRevision(db, asRevision(header.compactedRevision))
    return header
  } catch (error) {
    if (isGzipError(error)) throw new BundleError(`not a gzip'd history bundle, or a damaged one (${(error as Error).message})`)
    throw error
  } finally {
    await lines.return(undefined)
  }
}

import type { Readable } from 'node:stream'
import { BundleError, parseHeader, parseRow, readLines, type BundleHeader, type LogRow } from './bundle-format.js'
import type { LogSink } from './log-archive.js'

// Rows per write, and the text they may add up to: few transactions, bounded memory.
const BATCH_ROWS = 5000
const BATCH_CHARS = 32 * 1024 * 1024

/** Writes every row line in batches; returns how many rows there were. */
async function loadRows(lines: AsyncIterable<string>, sink: LogSink): Promise<number> {
  let batch: LogRow[] = []
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
      await sink.append(batch)
      batch = []
      batchChars = 0
    }
  }
  await sink.append(batch)
  return rowCount
}

const isGzipError = (error: unknown) => ['Z_DATA_ERROR', 'Z_BUF_ERROR'].includes((error as { code?: string }).code ?? '')

/**
 * Loads a history bundle into an empty storage: every row keeps its revision, and the rows are
 * replayed in order into the current state (each key's newest row unless a deletion). Then the
 * newest revision and the compaction point are restored exactly.
 */
export async function importBundle(sink: LogSink, input: Readable): Promise<BundleHeader> {
  if (!(await sink.isEmpty())) throw new BundleError('the database is not empty; a bundle goes into a fresh one')
  const lines = readLines(input)
  try {
    const header = parseHeader((await lines.next()).value || undefined)
    const rowCount = await loadRows(lines, sink)
    if (rowCount !== header.events) throw new BundleError(`the bundle is cut short: its header promises ${header.events} events, it holds ${rowCount}`)
    await sink.finish(header)
    return header
  } catch (error) {
    if (isGzipError(error)) throw new BundleError(`not a gzip'd history bundle, or a damaged one (${(error as Error).message})`)
    throw error
  } finally {
    await lines.return(undefined)
  }
}

import { Readable, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import { BUNDLE_FORMAT_VERSION, toLine, type BundleHeader } from './bundle-format.js'
import type { LogSource } from './log-archive.js'

const PAGE_ROWS = 500

/**
 * Writes the retained log as a history bundle to `output`: gzip'd NDJSON, a header line, then one
 * line per log row in revision order. Pages through the rows of one snapshot, so the bundle is
 * one consistent revision even while servers keep writing, in bounded memory.
 */
export async function exportBundle(source: LogSource, output: Writable, nowMs = Date.now()): Promise<BundleHeader> {
  return source.inSnapshot(async (snapshot) => {
    const header: BundleHeader = {
      kind: 'HistoryBundle',
      formatVersion: BUNDLE_FORMAT_VERSION,
      currentRevision: snapshot.currentRevision,
      compactedRevision: snapshot.compactedRevision,
      exportedAt: new Date(nowMs).toISOString(),
      events: snapshot.eventCount,
    }
    async function* lines(): AsyncGenerator<string> {
      yield `${JSON.stringify(header)}\n`
      for (let after = 0; ;) {
        const rows = await snapshot.rowsAfter(after, PAGE_ROWS)
        if (rows.length === 0) return
        yield rows.map(toLine).join('')
        after = rows.at(-1)!.revision
      }
    }
    await pipeline(Readable.from(lines()), createGzip(), output)
    return header
  })
}

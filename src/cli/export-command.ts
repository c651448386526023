import { createWriteStream, renameSync, rmSync } from 'node:fs'
import type { Writable } from 'node:stream'
import type { ExportOptions } from '../config/flags.js'
import type { BundleHeader } from '../storage/bundle/bundle-format.js'
import { exportBundle } from '../storage/bundle/export-bundle.js'
import { openToolLogSource } from './tool-storage.js'

// A bundle appears under its name only once complete: a failed export leaves no bundle that looks whole.
async function exportToFile(write: (output: Writable) => Promise<BundleHeader>, path: string): Promise<BundleHeader> {
  const partialPath = `${path}.partial`
  try {
    const header = await write(createWriteStream(partialPath))
    renameSync(partialPath, path)
    return header
  } catch (error) {
    rmSync(partialPath, { force: true })
    throw error
  }
}

/** `watchplane export`: the retained history (of a data dir, or the shared PostgreSQL log) as a gzip'd NDJSON bundle, read-only beside running servers. */
export async function runExport(options: ExportOptions, stdout: Writable, stderr: Writable): Promise<void> {
  const { source, close } = openToolLogSource(options)
  try {
    const write = (output: Writable) => exportBundle(source, output)
    const header = options.out === '-' ? await write(stdout) : await exportToFile(write, options.out)
    const target = options.out === '-' ? 'stdout' : options.out
    stderr.write(`exported ${header.events} events (current revision #${header.currentRevision}, compacted up to #${header.compactedRevision}) to ${target}\n`)
  } finally {
    await close()
  }
}

import { closeSync, existsSync, fsyncSync, openSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Seeders write with durability off, which leaves the rows in the page cache. This puts the data
 * dir's database and WAL on disk before the measured server opens them, as a server that wrote them
 * itself would have them: otherwise the kernel's writeback of a gigabyte (or the server's first
 * checkpoint syncing it) lands inside the measurement, as a create p99 of 250–575 ms at 1M Pods
 * (outside the handler) and writes of p99 65–143 ms beside a compaction that had not begun.
 */
export function syncSeededFiles(dataDir: string): void {
  for (const name of ['watchplane.db', 'watchplane.db-wal']) {
    const path = join(dataDir, name)
    if (!existsSync(path)) continue
    const file = openSync(path, 'r')
    fsyncSync(file)
    closeSync(file)
  }
}

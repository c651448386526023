import type { SnapshotCheck } from './storage.js'

// The startup self-check's comparison (ADR 0016), the same for every Storage: each implementation
// reads the rows below with index reads only, this decides whether they agree.

export interface KeyedRow {
  resource: string
  namespace: string
  name: string
}

/** A log row of the newest ones. */
export interface TailLogRow extends KeyedRow {
  revision: number
  type: string
  object: string
}

/** A snapshot row: its revision, and its JSON where the comparison needs it. */
export interface SnapshotRow extends KeyedRow {
  revision: number
  object?: string
}

export interface AgreementInput {
  /** the newest log rows, newest first */
  logTail: TailLogRow[]
  /** the snapshot row of each key in logTail, where there is one */
  snapshotOf(row: KeyedRow): SnapshotRow | undefined
  /** the log's head revision */
  head: number
  /** the newest snapshot rows, newest first */
  snapshotTail: SnapshotRow[]
  /** the log row at each revision in snapshotTail, where there is one */
  logRowAt(revision: number): (KeyedRow & { type: string }) | undefined
}

const MAX_LISTED = 20
export const keyText = (row: KeyedRow) => `${row.resource} ${row.namespace ? `${row.namespace}/` : ''}${row.name}`

/**
 * Each key's newest row in the log tail is its snapshot row (same revision, same JSON), or its
 * absence for a deletion; no snapshot row is beyond the log's head; each of the newest snapshot
 * rows' revisions is a log row of that same object, not a deletion.
 */
export function findDisagreements(input: AgreementInput): Pick<SnapshotCheck, 'checkedLogRows' | 'checkedSnapshotRows' | 'mismatches'> {
  const mismatches: string[] = []
  const note = (text: string) => void (mismatches.length < MAX_LISTED && mismatches.push(text))
  const seen = new Set<string>()
  for (const event of input.logTail) {
    const key = keyText(event)
    if (seen.has(key)) continue
    seen.add(key)
    const row = input.snapshotOf(event)
    if (event.type === 'DELETED' ? row !== undefined : row?.revision !== event.revision || row.object !== event.object) {
      note(`${key}: the log's newest row is ${event.type} at ${event.revision}, the snapshot ${row ? `holds revision ${row.revision}` : 'has no row'}`)
    }
  }
  for (const row of input.snapshotTail) {
    if (row.revision > input.head) {
      note(`${keyText(row)}: the snapshot holds revision ${row.revision}, beyond the log's head ${input.head}`)
      continue
    }
    const event = input.logRowAt(row.revision)
    if (!event || keyText(event) !== keyText(row) || event.type === 'DELETED') {
      note(`${keyText(row)}: the snapshot holds revision ${row.revision}, which the log ${event ? `has as ${event.type} of ${keyText(event)}` : 'lacks'}`)
    }
  }
  return { checkedLogRows: input.logTail.length, checkedSnapshotRows: input.snapshotTail.length, mismatches }
}

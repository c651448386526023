import { STEP } from './crash-kinds.js'
import type { CrashWriter } from './crash-writer.js'
import { keyOf, type LogRow } from './log-replay.js'

/**
 * Whether the server's state of each writer object is what its writes allow: the last acknowledged
 * write (same step, exactly its revision), or the unanswered one after it (present with its step
 * at a later revision, or absent after a delete). Then the writer adopts that state.
 */
export function checkAcknowledged(writers: CrashWriter[], listed: Map<string, any>): string[] {
  const problems: string[] = []
  for (const writer of writers) {
    for (const [name, known] of writer.objects) {
      const actual = listed.get(keyOf({ resource: writer.kind.resource, namespace: writer.namespace, name }))
      const isAcked = known.object === undefined
        ? actual === undefined
        : actual !== undefined && actual.metadata.annotations?.[STEP] === known.object.metadata.annotations[STEP] && Number(actual.metadata.resourceVersion) === known.revision
      const unknown = known.unknown
      const isUnknownDone = unknown !== undefined && (unknown.op === 'delete'
        ? actual === undefined
        : actual !== undefined && actual.metadata.annotations?.[STEP] === unknown.step && Number(actual.metadata.resourceVersion) > (known.revision ?? 0))
      if (!isAcked && !isUnknownDone) {
        const shown = actual ? `step ${actual.metadata.annotations?.[STEP]} at ${actual.metadata.resourceVersion}` : 'absent'
        const wanted = known.object ? `step ${known.object.metadata.annotations[STEP]} at ${known.revision}` : 'absent'
        problems.push(`${writer.kind.resource} ${writer.namespace}/${name}: acknowledged ${wanted}${unknown ? ` (or ${unknown.op} ${unknown.step})` : ''}, the server has ${shown}`)
      }
      writer.adopt(name, actual)
    }
  }
  return problems
}

/** Revisions strictly increase through the log, and every acknowledged one is there, for the key it wrote. */
export function checkRevisions(log: LogRow[], acknowledged: Array<{ revision: number; key: string }>, previousHead: number): string[] {
  const problems: string[] = []
  for (let i = 1; i < log.length; i++) {
    if (log[i]!.revision <= log[i - 1]!.revision) problems.push(`log revision ${log[i]!.revision} after ${log[i - 1]!.revision}`)
  }
  const byRevision = new Map(log.map((row) => [row.revision, row]))
  for (const ack of acknowledged) {
    const row = byRevision.get(ack.revision)
    if (!row || keyOf(row) !== ack.key) problems.push(`acknowledged revision ${ack.revision} of ${ack.key}: the log has ${row ? keyOf(row) : 'nothing'} there`)
    if (ack.revision <= previousHead) problems.push(`acknowledged revision ${ack.revision} of ${ack.key} is not after the head ${previousHead} of the round before`)
  }
  return problems
}

import type { Writable } from 'node:stream'
import type { HistoryOptions } from '../config/flags.js'
import { objectHistory, type ObjectRevision } from '../history/object-history.js'
import { CliError } from './cli-error.js'
import { LineWriter } from './line-writer.js'
import { readableDiff } from './readable-diff.js'
import { openToolReader } from './tool-storage.js'
import { resolveResourceType } from './resource-type.js'
import { storedKinds } from './stored-kinds.js'
import { formatActor, formatObjectName, formatTime } from './timeline-format.js'

const INDENT = '    '

function* diffLines(previous: ObjectRevision, revision: ObjectRevision): Generator<string> {
  const lines = readableDiff(previous.object, revision.object)
  // A re-creation's previous revision is the deletion: what differs from the object that was deleted.
  if (revision.type === 'ADDED') yield `${INDENT}(re-created; compared with the object as it was deleted)`
  if (lines.length === 0 && revision.type === 'MODIFIED') yield `${INDENT}(no changes besides resourceVersion and managedFields)`
  for (const line of lines) yield INDENT + line
}

/** One header line per revision (`#14  2026-…Z  MODIFIED  patch by kubectl-edit`), then its changes. */
function* timeline(title: string, revisions: readonly ObjectRevision[], compactedRevision: number): Generator<string> {
  const first = revisions[0]!
  yield `${title}: ${revisions.length} retained revision${revisions.length === 1 ? '' : 's'}, #${first.revision} to #${revisions.at(-1)!.revision}`
  if (first.type !== 'ADDED') yield `${INDENT}(earlier revisions were compacted, up to #${compactedRevision})`
  const width = String(revisions.at(-1)!.revision).length
  let previous: ObjectRevision | undefined
  for (const revision of revisions) {
    yield `#${String(revision.revision).padEnd(width)}  ${formatTime(Date.parse(revision.committedAt))}  ${revision.type.padEnd(8)}  ${formatActor(revision)}`
    if (previous) yield* diffLines(previous, revision)
    previous = revision
  }
}

/** `watchplane history <resource>/<name>`: every retained revision of one object, from the log. */
export async function runHistory(options: HistoryOptions, stdout: Writable): Promise<void> {
  const storage = await openToolReader(options)
  try {
    // Custom kinds are known by the CRDs the data dir holds.
    const type = resolveResourceType(options.resource, await storedKinds(storage))
    const key = { resource: type.storageResource, namespace: type.isNamespaced ? options.namespace : '', name: options.name }
    const title = `${type.label} ${formatObjectName(key.namespace, key.name)}`
    const revisions = await objectHistory(storage, key)
    const compactedRevision = storage.compactedRevision()
    if (revisions.length === 0) {
      const hint = compactedRevision > 0 ? `; history up to #${compactedRevision} is compacted, so an object deleted by then left no trace` : ''
      throw new CliError(`no history for ${title} in ${options.dataDir}${hint}`)
    }
    const out = new LineWriter(stdout)
    if (options.output === 'json') {
      await out.line(JSON.stringify({ kind: 'ObjectHistory', apiVersion: 'watchplane.dev/v1', ...key, compactedRevision, revisions }, null, 2))
    } else {
      for (const line of timeline(title, revisions, compactedRevision)) await out.line(line)
    }
    await out.flush()
  } finally {
    await storage.close()
  }
}

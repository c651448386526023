import type { Writable } from 'node:stream'
import { asRevision } from '../api/resource-version.js'
import type { ReplayOptions } from '../config/flags.js'
import { changeFeed, changeRecordJson, type ChangeRecord } from '../history/change-feed.js'
import type { StorageReader } from '../storage/storage.js'
import { LineWriter } from './line-writer.js'
import { openToolReader } from './tool-storage.js'
import { resolveResourceType } from './resource-type.js'
import { storedKinds } from './stored-kinds.js'
import { formatObjectName, formatTime, shortActor } from './timeline-format.js'


// The change feed carries no audit (who made it); the history entry of exactly this revision is
// one more seek on key_revisions (and the key's id in object_keys), paid only by the timeline.
async function timelineLine(storage: StorageReader, change: ChangeRecord): Promise<string> {
  const key = { resource: change.resource, namespace: change.namespace, name: change.name }
  const [entry] = await storage.history(key, { afterRevision: asRevision(change.revision - 1), limit: 1, belowCompaction: 'retained' })
  const when = entry ? formatTime(entry.committedAtMs) : '?'
  const who = entry ? ` (${shortActor(entry.audit)}${entry.audit.username ? ` as ${entry.audit.username}` : ''})` : ''
  return `#${change.revision} ${when} ${change.type} ${change.resource} ${formatObjectName(change.namespace, change.name)}${who}`
}

/** `watchplane replay`: the log between two revisions, as NDJSON changes or a readable timeline. */
export async function runReplay(options: ReplayOptions, stdout: Writable, stderr: Writable): Promise<void> {
  const storage = await openToolReader(options)
  try {
    const resource = options.resource === undefined ? undefined : resolveResourceType(options.resource, await storedKinds(storage)).storageResource
    const compacted = storage.compactedRevision()
    if (compacted > 0 && options.fromRevision <= compacted) {
      stderr.write(`watchplane replay: revisions up to #${compacted} are compacted; from them only the rows that were still current at #${compacted} remain\n`)
    }
    const out = new LineWriter(stdout)
    const feed = changeFeed(storage, {
      fromRevision: asRevision(options.fromRevision),
      ...(options.toRevision === undefined ? {} : { toRevision: asRevision(options.toRevision) }),
      ...(resource === undefined ? {} : { resource }),
      ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
    })
    for await (const change of feed) await out.line(options.output === 'ndjson' ? changeRecordJson(change) : await timelineLine(storage, change))
    await out.flush()
  } finally {
    await storage.close()
  }
}

import type { KubeObject } from '../api/types.js'
import type { StoredObject } from '../storage/storage.js'
import type { Change } from './change.js'

/** A snapshot row as a synthetic ADDED change (watch without resourceVersion, streaming lists). */
export function initialStateChange(row: StoredObject): Change {
  let object: KubeObject | undefined
  return {
    revision: row.revision,
    type: 'ADDED',
    namespace: row.key.namespace,
    name: row.key.name,
    objectJson: row.json,
    object: () => (object ??= JSON.parse(row.json) as KubeObject),
    previous: () => undefined,
  }
}


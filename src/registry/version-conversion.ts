import type { Revision } from '../api/resource-version.js'
import type { KubeObject } from '../api/types.js'
import type { StoredObject } from '../storage/storage.js'

/**
 * How a served version's objects relate to their stored form, when they differ (kube:
 * runtime.ObjectConvertor behind a resource's codec): several versions of a custom resource over one
 * storage version, read-time defaulting and pruning of a custom resource, and (later)
 * events.k8s.io/v1 over the core events storage. Applied in one place per path: get
 * (verbs/get.ts), list items (verbs/list.ts), watch frames (served-watch-format.ts), filters
 * (build-object-filter.ts) and every write (verbs/run-write.ts). See docs/decisions/0012-version-conversion.md.
 */
export interface VersionConversion {
  /**
   * whether an object stored at `revision` reads differently in this version; false lets its stored
   * JSON go out untouched (encode once), true costs a parse and a serialization per read
   */
  altersStoredAt(revision: Revision): boolean
  /** the stored object as this version serves it; may change and return its argument */
  toServed(stored: KubeObject): KubeObject
  /** an object of this version as it is stored; may change and return its argument */
  toStored(served: KubeObject): KubeObject
}

/** What a definition contributes: its conversion, if its objects are not served as stored. */
interface Converts {
  conversion?: VersionConversion
}

/** A stored row as this version serves it: the row itself when nothing changes. */
export function servedStored(definition: Converts, stored: StoredObject): StoredObject {
  const { conversion } = definition
  if (!conversion || !conversion.altersStoredAt(stored.revision)) return stored
  return { ...stored, json: JSON.stringify(conversion.toServed(JSON.parse(stored.json) as KubeObject)) }
}

/** A stored object (owned by the caller) as this version serves it. */
export const servedObject = (definition: Converts, stored: KubeObject): KubeObject =>
  definition.conversion ? definition.conversion.toServed(stored) : stored

/** An object of this version (owned by the caller) as it is stored. */
export const storedObject = (definition: Converts, served: KubeObject): KubeObject =>
  definition.conversion ? definition.conversion.toStored(served) : served

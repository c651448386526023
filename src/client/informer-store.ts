import type { KubeObject } from '../api/types.js'

export type InformerEvent<T extends KubeObject = KubeObject> =
  | { type: 'add'; object: T }
  | { type: 'update'; object: T; oldObject: T }
  /** object: the last state, as the DELETED event carried it (or as cached, when a relist found it gone) */
  | { type: 'delete'; object: T }

/** client-go's MetaNamespaceKeyFunc: `namespace/name`, or `name` for cluster-scoped objects */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name
}

const keyOf = (object: KubeObject) => objectKey(object.metadata.namespace, object.metadata.name ?? '')

/**
 * An informer's cache and the events that keep it equal to the server. A (re)list is a streaming
 * list: its ADDED events are compared with the cache as they arrive, and at its end whatever it
 * did not mention is deleted (client-go's Replace, done incrementally).
 */
export class InformerStore<T extends KubeObject> {
  readonly #objects = new Map<string, T>()
  /** keys the streaming list under way has sent; undefined while watching */
  #listed: Set<string> | undefined
  #resourceVersion: string | undefined

  get objects(): ReadonlyMap<string, T> {
    return this.#objects
  }

  get isListing(): boolean {
    return this.#listed !== undefined
  }

  /** the resourceVersion to resume after; undefined until the first list completes */
  get resourceVersion(): string | undefined {
    return this.#resourceVersion
  }

  startList(): void {
    this.#listed = new Set()
  }

  /** a list's end bookmark: drops what the list did not contain; the list's revision becomes the resume point */
  endList(resourceVersion: string): InformerEvent<T>[] {
    const listed = this.#listed ?? new Set()
    this.#listed = undefined
    this.#resourceVersion = resourceVersion
    const events: InformerEvent<T>[] = []
    for (const [key, object] of this.#objects) {
      if (listed.has(key)) continue
      this.#objects.delete(key)
      events.push({ type: 'delete', object })
    }
    return events
  }

  /** a bookmark only moves the resume point, and only once the list is over */
  bookmark(resourceVersion: string): void {
    if (!this.#listed) this.#resourceVersion = resourceVersion
  }

  apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: T): InformerEvent<T> | undefined {
    const key = keyOf(object)
    const cached = this.#objects.get(key)
    // A listed object's resourceVersion is its own, not the list's: resuming from it could skip changes.
    if (this.#listed) this.#listed.add(key)
    else if (object.metadata.resourceVersion) this.#resourceVersion = object.metadata.resourceVersion
    if (type === 'DELETED') {
      this.#objects.delete(key)
      return cached && { type: 'delete', object }
    }
    this.#objects.set(key, object)
    if (!cached) return { type: 'add', object }
    if (this.#listed && cached.metadata.resourceVersion === object.metadata.resourceVersion) return undefined
    return { type: 'update', object, oldObject: cached }
  }
}

import type { Revision } from '../../api/resource-version.js'
import type { StorageReader, StoredObject } from '../../storage/storage.js'

const PAGE_ROWS = 1000

/** Every object of one resource at one revision, page by page; `onRevision` learns the revision read at. */
export async function* readEveryObject(storage: StorageReader, resource: string, onRevision?: (revision: Revision) => void): AsyncGenerator<StoredObject> {
  let after: { namespace: string; name: string } | undefined
  let revision: Revision | undefined
  for (;;) {
    const page = await storage.list({ resource, ...(revision === undefined ? {} : { atRevision: revision }), ...(after ? { after } : {}), limit: PAGE_ROWS })
    if (revision === undefined) onRevision?.(page.revision)
    revision = page.revision
    yield* page.objects
    if (page.objects.length < PAGE_ROWS) return
    const last = page.objects.at(-1)!.key
    after = { namespace: last.namespace, name: last.name }
  }
}

import type { ListedObject } from '../registry/verbs/list.js'

/** How one list response is framed: what goes before the items, how each is written, what closes it. */
export interface ListFraming {
  head(resourceVersion: string, continueToken: string | undefined): string
  item(listed: ListedObject): string
  tail: string
}

export const listMetadata = (rv: string, token: string | undefined) =>
  `{"resourceVersion":"${rv}"${token ? `,"continue":${JSON.stringify(token)}` : ''}}`

/** `{"kind":"PodList",…,"items":[…]}` around stored JSON, which is written as it is. */
export function objectListFraming(kind: string, apiVersion: string): ListFraming {
  return {
    head: (rv, token) => `{"kind":"${kind}List","apiVersion":"${apiVersion}","metadata":${listMetadata(rv, token)},"items":[`,
    item: (listed) => listed.stored.json,
    tail: ']}',
  }
}

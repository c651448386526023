import type { Revision } from '../api/resource-version.js'
import type { KubeObject } from '../api/types.js'

/** One event's object as a format sees it: its stored JSON, parsed on demand. */
export interface FrameObject {
  /** the object as stored; parsed only for formats that read its fields (Tables) */
  object(): KubeObject
  json: string
  /** the revision the frame shows it at */
  revision: Revision
}

/**
 * How a watch renders objects: as themselves (JSON) or as one-row Tables. Injected by the HTTP
 * layer so watch/ stays free of printing; `key` names the rendering for the per-commit frame cache.
 */
export interface WatchFormat {
  key: string
  /** JSON text of the event's object */
  render(source: FrameObject, isFirstEvent: boolean): string
  /** whether the first event renders differently (Table column definitions): then it is never cached */
  isFirstEventSpecial: boolean
}

export const JSON_FORMAT: WatchFormat = {
  key: 'json',
  render: (source) => source.json,
  isFirstEventSpecial: false,
}

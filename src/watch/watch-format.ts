import type { KubeObject } from '../api/types.js'

/**
 * How a watch renders objects: as themselves (JSON) or as one-row Tables. Injected by the HTTP
 * layer so watch/ stays free of printing; `key` names the rendering for the per-commit frame cache.
 */
export interface WatchFormat {
  key: string
  /** JSON text of the event's object; `object()` parses it, for formats that need its fields */
  render(object: () => KubeObject, objectJson: string, isFirstEvent: boolean): string
  /** whether the first event renders differently (Table column definitions): then it is never cached */
  isFirstEventSpecial: boolean
}

export const JSON_FORMAT: WatchFormat = {
  key: 'json',
  render: (_object, objectJson) => objectJson,
  isFirstEventSpecial: false,
}

import type { KubeObject } from '../api/types.js'

/** Which objects a list or watch selects: label and field selectors combined. */
export interface ObjectFilter {
  /** true when every object matches, so lists can skip parsing */
  isEmpty: boolean
  matches(object: KubeObject): boolean
}

export const MATCH_ALL: ObjectFilter = { isEmpty: true, matches: () => true }

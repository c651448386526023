import type { KubeObject, WatchEventType } from '../api/types.js'
import { EVENT_LINE } from '../storage/storage.js'
import type { Change } from './change.js'
import type { WatchFormat } from './watch-format.js'

const framePrefix = (type: WatchEventType) => EVENT_LINE.beforeType + type + EVENT_LINE.beforeObject

/** The previous state shown with the change's resourceVersion (a selector transition's DELETED). */
function previousAtRevision(change: Change): KubeObject {
  const previous = structuredClone(change.previous()!)
  previous.metadata.resourceVersion = String(change.revision)
  return previous
}

/**
 * A change with its watch frames built once and shared: every watcher of the same format gets the
 * same Buffer. Frames are newline-terminated JSON, the chunked watch's framing (WebSocket sends the
 * same bytes as one text message).
 */
export class EncodedChange {
  readonly #frames = new Map<string, Buffer>()
  #previous?: { object: KubeObject; json: string }

  constructor(readonly change: Change) {}

  frame(type: WatchEventType, isPrevious: boolean, format: WatchFormat, isFirstEvent: boolean): Buffer {
    const isCacheable = !(isFirstEvent && format.isFirstEventSpecial)
    const cacheKey = `${format.key}|${type}|${isPrevious ? 'p' : 'c'}`
    const cached = isCacheable ? this.#frames.get(cacheKey) : undefined
    if (cached) return cached
    const previous = isPrevious ? this.#previousState() : undefined
    // The object is parsed only for formats that read it (Tables): JSON frames reuse the stored bytes.
    const source = previous
      ? { object: () => previous.object, json: previous.json, revision: this.change.revision }
      : { object: () => this.change.object(), json: this.change.objectJson, revision: this.change.revision }
    const rendered = format.render(source, isFirstEvent)
    const frame = Buffer.from(framePrefix(type) + rendered + EVENT_LINE.afterObject)
    if (isCacheable) this.#frames.set(cacheKey, frame)
    return frame
  }

  #previousState(): { object: KubeObject; json: string } {
    if (!this.#previous) {
      const object = previousAtRevision(this.change)
      this.#previous = { object, json: JSON.stringify(object) }
    }
    return this.#previous
  }
}

/** A frame that belongs to no change: BOOKMARK and ERROR. */
export const controlFrame = (type: WatchEventType, objectJson: string) => Buffer.from(framePrefix(type) + objectJson + EVENT_LINE.afterObject)

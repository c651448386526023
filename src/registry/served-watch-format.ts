import type { KubeObject } from '../api/types.js'
import type { WatchFormat } from '../watch/watch-format.js'
import { apiVersionOf, type ResourceDefinition } from './resource-definition.js'

/**
 * A watch format that shows each event's object as the watched version serves it. Frames stay
 * encoded once per commit and shared: the format key names the version, so every watcher of one
 * version shares one frame, and only commits the conversion alters are parsed at all.
 */
export function servedWatchFormat(definition: ResourceDefinition, format: WatchFormat): WatchFormat {
  const { conversion } = definition
  if (!conversion) return format
  return {
    key: `${format.key}@${apiVersionOf(definition)}`,
    isFirstEventSpecial: format.isFirstEventSpecial,
    render(source, isFirstEvent) {
      if (!conversion.altersStoredAt(source.revision)) return format.render(source, isFirstEvent)
      const served = conversion.toServed(JSON.parse(source.json) as KubeObject)
      return format.render({ object: () => served, json: JSON.stringify(served), revision: source.revision }, isFirstEvent)
    },
  }
}

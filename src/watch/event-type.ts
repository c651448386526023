import type { WatchEventType } from '../api/types.js'
import type { Change } from './change.js'

/** What a watcher with a selector sees of a change (k8s cacher: selector transitions). */
export type WatchEventPlan = { type: WatchEventType; isPrevious: boolean } | undefined

export interface Matcher {
  isEmpty: boolean
  matches(object: ReturnType<Change['object']>): boolean
}

/**
 * ADDED/MODIFIED/DELETED for one watcher: an object that stops matching is DELETED (shown as it
 * was, with the new resourceVersion), one that starts matching is ADDED.
 */
export function planEvent(change: Change, filter: Matcher): WatchEventPlan {
  if (filter.isEmpty) return { type: change.type, isPrevious: false }
  const isMatchNow = change.type !== 'DELETED' && filter.matches(change.object())
  const previous = change.type === 'ADDED' ? undefined : change.type === 'DELETED' ? change.object() : change.previous()
  const wasMatch = previous !== undefined && filter.matches(previous)
  if (isMatchNow && wasMatch) return { type: 'MODIFIED', isPrevious: false }
  if (isMatchNow) return { type: 'ADDED', isPrevious: false }
  if (wasMatch && change.type === 'DELETED') return { type: 'DELETED', isPrevious: false }
  if (wasMatch) return { type: 'DELETED', isPrevious: true }
  return undefined
}

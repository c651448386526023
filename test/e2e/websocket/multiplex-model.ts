// The multiplex test's model: the writes it made, the subscriptions it opened, and what each
// subscription must therefore receive, computed without the server (k8s selector-transition rules).

export type Labels = Record<string, string>
export type CommitType = 'ADDED' | 'MODIFIED' | 'DELETED'

/** one committed write, as the test made it */
export interface MadeCommit {
  revision: number
  type: CommitType
  resource: string
  namespace: string
  name: string
  /** labels after the write (undefined for DELETED) */
  labels: Labels | undefined
}

export interface Subscription {
  id: string
  resource: string
  namespace?: string
  /** label selector as sent, and the same rule as a predicate */
  selector?: { text: string; matches: (labels: Labels) => boolean }
  start: { kind: 'now' } | { kind: 'initial-events' } | { kind: 'from'; revision: number }
}

export interface Message {
  id: string
  type: string
  object?: any
}

export const RESOURCES = ['configmaps', 'pods', 'secrets']
export const NAMESPACES = ['mx-a', 'mx-b', 'mx-c']
const SELECTORS = [
  undefined,
  { text: 'app=web', matches: (l: Labels) => l.app === 'web' },
  { text: 'app in (web,db)', matches: (l: Labels) => l.app === 'web' || l.app === 'db' },
  { text: 'app!=web', matches: (l: Labels) => l.app !== 'web' },
  { text: '!app', matches: (l: Labels) => l.app === undefined },
]

/** A small deterministic PRNG (mulberry32), so a failing write sequence can be replayed. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function bodyFor(resource: string, name: string, labels: Labels): unknown {
  const metadata = { name, labels }
  if (resource === 'pods') return { metadata, spec: { containers: [{ name: 'c', image: 'busybox' }] } }
  if (resource === 'secrets') return { metadata, type: 'Opaque', stringData: { v: name } }
  return { metadata, data: { v: name } }
}

export const keyOf = (c: { resource: string; namespace: string; name: string }) => `${c.resource}/${c.namespace}/${c.name}`
export const describeChange = (type: string, namespace: string, name: string, revision: number | string) => `${type} ${namespace}/${name}@${revision}`

/** What one subscription must receive, computed from the writes alone (k8s selector-transition rules). */
export function expectedFor(sub: Subscription, commits: MadeCommit[], snapshotRevision: number): string[] {
  if (sub.start.kind === 'from') return withEventsAfter(sub, commits, sub.start.revision, [])
  // Without a resourceVersion: the state at the snapshot, in key order (namespace, then name), as ADDED.
  const state = new Map<string, MadeCommit>()
  for (const c of commits.filter((c) => c.revision <= snapshotRevision)) {
    if (c.type === 'DELETED') state.delete(keyOf(c))
    else state.set(keyOf(c), c)
  }
  const initial = [...state.values()]
    .filter((c) => isWatchedBy(sub, c) && matchesSelector(sub, c.labels))
    .sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : 1) : a.namespace < b.namespace ? -1 : 1))
    .map((c) => describeChange('ADDED', c.namespace, c.name, c.revision))
  const marker = sub.start.kind === 'initial-events' ? [`BOOKMARK initial-events-end@${snapshotRevision}`] : []
  return withEventsAfter(sub, commits, snapshotRevision, [...initial, ...marker])
}

const isWatchedBy = (sub: Subscription, c: MadeCommit) => c.resource === sub.resource && (!sub.namespace || c.namespace === sub.namespace)
const matchesSelector = (sub: Subscription, labels: Labels | undefined) => labels !== undefined && (!sub.selector || sub.selector.matches(labels))

/** appends the events after `fromRevision`: replays every commit to know each object's labels before it */
function withEventsAfter(sub: Subscription, commits: MadeCommit[], fromRevision: number, head: string[]): string[] {
  const labelsOf = new Map<string, Labels>()
  const out = [...head]
  for (const c of commits) {
    const before = labelsOf.get(keyOf(c))
    if (c.type === 'DELETED') labelsOf.delete(keyOf(c))
    else labelsOf.set(keyOf(c), c.labels!)
    if (c.revision <= fromRevision || !isWatchedBy(sub, c)) continue
    const wasMatch = matchesSelector(sub, before)
    const isMatch = matchesSelector(sub, c.labels)
    const type = wasMatch && isMatch ? 'MODIFIED' : isMatch ? 'ADDED' : wasMatch ? 'DELETED' : undefined
    if (type) out.push(describeChange(type, c.namespace, c.name, c.revision))
  }
  return out
}

/** what a subscription received, in the same notation; periodic bookmarks are left out */
export function receivedBy(messages: Message[], id: string): string[] {
  return messages
    .filter((m) => m.id === id && ['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK'].includes(m.type))
    .filter((m) => m.type !== 'BOOKMARK' || m.object.metadata.annotations?.['k8s.io/initial-events-end'] === 'true')
    .map((m) => m.type === 'BOOKMARK'
      ? `BOOKMARK initial-events-end@${m.object.metadata.resourceVersion}`
      : describeChange(m.type, m.object.metadata.namespace, m.object.metadata.name, m.object.metadata.resourceVersion))
}

export function subscribeMessage(sub: Subscription): Record<string, unknown> {
  return {
    type: 'subscribe', id: sub.id, group: '', version: 'v1', resource: sub.resource,
    ...(sub.namespace ? { namespace: sub.namespace } : {}),
    ...(sub.selector ? { labelSelector: sub.selector.text } : {}),
    ...(sub.start.kind === 'from' ? { resourceVersion: String(sub.start.revision) } : {}),
    ...(sub.start.kind === 'initial-events' ? { sendInitialEvents: true, allowWatchBookmarks: true } : {}),
  }
}

/** 50 subscriptions crossing resource × namespace (or all) × selector × starting point */
export function fiftySubscriptions(fromRevisions: number[]): Subscription[] {
  const namespaces = [undefined, 'mx-a', 'mx-b']
  return Array.from({ length: 50 }, (_, i) => {
    const startKind = i % 4
    const start: Subscription['start'] = startKind === 0 ? { kind: 'now' }
      : startKind === 1 ? { kind: 'initial-events' }
      : { kind: 'from', revision: fromRevisions[i % fromRevisions.length]! }
    const namespace = namespaces[Math.floor(i / 3) % 3]
    const selector = SELECTORS[Math.floor(i / 9) % SELECTORS.length]
    return { id: `sub-${i}`, resource: RESOURCES[i % 3]!, ...(namespace ? { namespace } : {}), ...(selector ? { selector } : {}), start }
  })
}

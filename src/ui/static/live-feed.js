import { apiBase } from './api.js'
import { socketProtocols } from './credentials.js'

const PROTOCOL = 'watchplane.multiplex.v1'
const RETRY_MIN_MS = 500
const RETRY_MAX_MS = 15_000
const WRITE_TYPES = new Set(['ADDED', 'MODIFIED', 'DELETED'])

/**
 * Live changes over one multiplexed WebSocket (docs/multiplexed-watch.md): one subscription per
 * resource type, every namespace, each resumed from the last revision it saw. `onExpired` means
 * a revision fell out of the log (410): the caller reloads.
 */
export class LiveFeed {
  #resources
  #lastSeen = new Map()
  #handlers
  #socket
  #retryMs = RETRY_MIN_MS
  #isStopped = false

  /** handlers: { onChange(change), onState(state, detail), onExpired() } */
  constructor(resources, fromRevision, handlers) {
    this.#resources = new Map(resources.map((resource) => [resource.key, resource]))
    for (const key of this.#resources.keys()) this.#lastSeen.set(key, fromRevision)
    this.#handlers = handlers
  }

  start() {
    const url = new URL('watchplane/v1/multiplex', apiBase)
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
    const socket = (this.#socket = new WebSocket(url, socketProtocols(PROTOCOL)))
    this.#handlers.onState('connecting')
    socket.addEventListener('open', () => {
      this.#retryMs = RETRY_MIN_MS
      for (const key of this.#resources.keys()) this.#subscribe(key)
      this.#handlers.onState('live')
    })
    socket.addEventListener('message', (event) => this.#onMessage(JSON.parse(event.data)))
    socket.addEventListener('close', () => this.#reconnectLater())
  }

  stop() {
    this.#isStopped = true
    this.#socket?.close()
  }

  #subscribe(key) {
    const { group, version, plural } = this.#resources.get(key)
    const resourceVersion = String(this.#lastSeen.get(key))
    this.#socket.send(JSON.stringify({ type: 'subscribe', id: key, group, version, resource: plural, resourceVersion, allowWatchBookmarks: true }))
  }

  #onMessage(message) {
    const { id, type, object } = message
    const revision = Number(object?.metadata?.resourceVersion)
    if (Number.isInteger(revision) && this.#lastSeen.has(id)) this.#lastSeen.set(id, Math.max(revision, this.#lastSeen.get(id)))
    if (WRITE_TYPES.has(type)) {
      const { namespace = '', name } = object.metadata
      this.#handlers.onChange({ revision, type, resource: id, namespace, name, object })
    } else if (type === 'ERROR' && object?.code === 410) {
      this.stop()
      this.#handlers.onExpired()
    } else if (type === 'ERROR') {
      this.#handlers.onState('error', `${id || 'socket'}: ${object?.message ?? 'error'}`)
      this.#resources.delete(id)
    } else if (type === 'CLOSED' && this.#resources.has(id) && !this.#isStopped) {
      this.#subscribe(id) // ended by the server's watch timeout: carry on from the last revision seen
    }
  }

  #reconnectLater() {
    if (this.#isStopped) return
    this.#handlers.onState('reconnecting')
    setTimeout(() => !this.#isStopped && this.start(), this.#retryMs)
    this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS)
  }
}

import type { IncomingMessage } from 'node:http'
import type { WebSocket } from 'ws'
import { ApiError, badRequest, internalError, methodNotAllowed, pathNotFound } from '../../api/errors.js'
import { resourceRouteOf } from '../../api/request-info.js'
import type { SubscribeMessage } from '../../api/multiplex-protocol.js'
import type { Watcher } from '../../watch/watcher.js'
import type { WatchSink } from '../../wire/watch-sink.js'
import { MultiplexedSocket } from '../../wire/multiplexed-socket.js'
import { prepareWatch, type StartWatch } from '../handlers/watch.js'
import type { RequestDoor } from '../pipeline/request-door.js'
import type { RequestContext } from '../pipeline/request-context.js'
import { resolveResourceRequest, type ResourceRouterDeps } from '../resource-router.js'
import { parseClientMessage, toWatchUrl } from './subscribe-message.js'

export interface MultiplexDeps extends ResourceRouterDeps {
  door: RequestDoor
}

/**
 * One multiplexed socket's subscriptions: each a Watcher writing through a tagging sink. A
 * subscription is the watch URL it stands for, authorized for the socket's user by the door and
 * served by the same watch path as that URL: only its sink differs.
 */
export class MultiplexSession {
  readonly #socket: MultiplexedSocket
  readonly #watchers = new Map<string, Watcher>()
  // Subscriptions accepted but not started yet (waiting for their resourceVersion to be committed).
  // Each with a token of its own: a wait that outlives an unsubscribe must not start (or refuse)
  // a later subscription under the same id.
  readonly #pending = new Map<string, object>()

  constructor(
    private readonly deps: MultiplexDeps,
    /** the socket's own request, as the door admitted it */
    private readonly socketRequest: { req: IncomingMessage; ctx: RequestContext },
    ws: WebSocket,
  ) {
    this.#socket = new MultiplexedSocket(ws)
    ws.on('message', (data) => this.#onMessage(data.toString()))
    ws.on('close', () => this.#watchers.clear())
  }

  #onMessage(text: string): void {
    let id = ''
    try {
      const message = parseClientMessage(text)
      id = message.id
      if (message.type === 'unsubscribe') return this.#unsubscribe(id)
      if (this.#watchers.has(id) || this.#pending.has(id)) throw badRequest(`subscription ${JSON.stringify(id)} is already open`)
      this.#subscribe(message)
    } catch (error) {
      this.#refuse(id, error)
    }
  }

  /** authorizes and resolves the subscription now (a refused one is refused at once); starts it once its resourceVersion is committed */
  #subscribe(message: SubscribeMessage): void {
    const { req, ctx } = this.socketRequest
    const url = toWatchUrl(message)
    const { info, attributes } = this.deps.door.authorizeAs(ctx, 'GET', url)
    const route = resourceRouteOf(info)
    if (!route) throw pathNotFound()
    if (route.verb !== 'watch') throw methodNotAllowed()
    const log = ctx.log.child({ subscription: message.id })
    const resolved = resolveResourceRequest(this.deps, { req, ctx: { ...ctx, url, log, attributes }, route })
    const { id } = message
    const token = {}
    this.#pending.set(id, token)
    // As on a watch URL: a resourceVersion from the future waits a little, then 504. An
    // unsubscribe meanwhile takes the id out of #pending, and then nothing starts.
    const isStillPending = () => this.#pending.get(id) === token && this.#pending.delete(id)
    prepareWatch(resolved).then(
      (start) => isStillPending() && this.#start(id, start),
      (error: unknown) => isStillPending() && this.#refuse(id, error),
    )
  }

  #unsubscribe(id: string): void {
    if (this.#pending.delete(id)) this.#socket.send(JSON.stringify({ id, type: 'CLOSED' }))
    else this.#watchers.get(id)?.end()
  }

  #start(id: string, start: StartWatch): void {
    let hasEnded = false
    const sink: WatchSink = this.#socket.sinkFor(id, () => {
      hasEnded = true
      this.#watchers.delete(id)
    })
    const watcher = start(sink)
    // A watch can end while starting (410 Expired): then its id is free again at once.
    if (!hasEnded) this.#watchers.set(id, watcher)
  }

  #refuse(id: string, error: unknown): void {
    const apiError = error instanceof ApiError ? error : internalError('subscription failed')
    if (!(error instanceof ApiError)) this.socketRequest.ctx.log.error({ err: error }, 'subscription failed')
    this.#socket.send(JSON.stringify({ id, type: 'ERROR', object: apiError.toStatus() }))
    if (id && !this.#watchers.has(id) && !this.#pending.has(id)) this.#socket.send(JSON.stringify({ id, type: 'CLOSED' }))
  }
}

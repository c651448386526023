import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from 'pino'
import type { ResourceRequestInfo } from '../api/request-info.js'
import type { Config } from '../config/config.js'
import type { RequestScope } from '../registry/request-scope.js'
import type { StoreContext } from '../registry/store-context.js'
import type { WatchHub } from '../watch/watch-hub.js'
import type { ApiError } from '../api/errors.js'
import type { WatchQuota } from './limits/watch-quota.js'

/** What every resource handler gets: the request, its parsed meaning, and the server's parts. */
/** Follows a watch once it runs: `onRevoked` ends it; returns the release to call when it ends. */
export type WatchRevocation = (onRevoked: (error: ApiError) => void) => () => void

export interface HandlerContext {
  req: IncomingMessage
  res: ServerResponse
  query: URLSearchParams
  info: ResourceRequestInfo
  scope: RequestScope
  store: StoreContext
  hub: WatchHub
  config: Readonly<Config>
  log: Logger
  /** a watch allowed for a user: how to follow it, so that losing the permission ends it */
  revocation?: WatchRevocation
  /** a watch's user holds one of their watches while it runs */
  watchQuota?: WatchQuota
}

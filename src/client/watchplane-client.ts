// The package's `watchplane/client` entry: the whole public surface of the informer client, so
// users import one module. Inside src/ import the file you mean (STYLE.md B4.1), never this one.
import { WatchplaneConnection, type ConnectionOptions } from './watchplane-connection.js'

/** Opens a multiplexed connection (reconnecting until closed); create informers on it. */
export function connectWatchplane(options: ConnectionOptions): WatchplaneConnection {
  return new WatchplaneConnection(options)
}

export { WatchplaneConnection, type ConnectionOptions, type ConnectionState } from './watchplane-connection.js'
export { Informer, type InformerOptions } from './informer.js'
export { objectKey, type InformerEvent } from './informer-store.js'
export { StatusError } from './status-error.js'
export type { BackoffPolicy } from './backoff.js'
export type { WatchTarget } from './multiplex-messages.js'
export type { WebSocketFactory, WebSocketLike, WebSocketRequest } from './websocket-factory.js'
export type { KubeObject, Status } from '../api/types.js'

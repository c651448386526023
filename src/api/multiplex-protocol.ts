/**
 * The messages of the multiplexed watch socket (docs/multiplexed-watch.md), shared by the server
 * (src/http/multiplex/) and the informer client (src/client/).
 */

/** What to watch: the resource of a watch URL. */
export interface WatchTarget {
  /** API group; omit or '' for the core group */
  group?: string
  version: string
  /** plural resource name, e.g. 'configmaps' */
  resource: string
  /** omit to watch every namespace */
  namespace?: string
  labelSelector?: string
  fieldSelector?: string
}

/** client → server: open a subscription; the fields mean what a watch URL's query parameters mean */
export interface SubscribeMessage extends WatchTarget {
  type: 'subscribe'
  /** chosen by the client, unique among its open subscriptions (1-128 characters) */
  id: string
  resourceVersion?: string
  allowWatchBookmarks?: boolean
  sendInitialEvents?: boolean
  timeoutSeconds?: number
}

/** client → server: end a subscription */
export interface UnsubscribeMessage {
  type: 'unsubscribe'
  id: string
}

export type ClientMessage = SubscribeMessage | UnsubscribeMessage

/** where the multiplexed socket is served */
export const MULTIPLEX_PATH = '/watchplane/v1/multiplex'

/** kube's subprotocol for a browser's bearer token: this prefix, then the token in unpadded base64url */
export const BEARER_PROTOCOL_PREFIX = 'base64url.bearer.authorization.k8s.io.'

/** marks the bookmark that ends a streaming list's initial events (KEP-3157) */
export const INITIAL_EVENTS_END_ANNOTATION = 'k8s.io/initial-events-end'

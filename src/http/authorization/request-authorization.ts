import type { ResourceRequestInfo } from '../../api/request-info.js'
import type { ApiError } from '../../api/errors.js'
import type { AuthorizationAttributes, Authorizer } from '../../auth/authorization-attributes.js'
import { forbiddenError } from '../../auth/forbidden-error.js'
import { nonResourceAttributes, resourceAttributes } from '../../auth/request-attributes.js'
import type { UserInfo } from '../../auth/user-info.js'
import type { WatchAuthorization } from '../../auth/watch-authorization.js'
import { asOfAttributes } from '../../auth/watchplane-endpoints.js'

/** The authorizer every request with a user is judged by, and the registry of the watches it allowed. */
export interface RequestAuthorizationDeps {
  authorizer: Authorizer
  watches: WatchAuthorization
}

/** Follows a watch once it runs: `onRevoked` ends it; returns the release to call when it ends. */
export type WatchRevocation = (onRevoked: (error: ApiError) => void) => () => void

/** One request, as the authorizer sees it. */
export interface AuthorizedRequest {
  user: UserInfo
  method: string
  url: URL
  /** the route of a resource request; undefined for anything else */
  info: ResourceRequestInfo | undefined
  /** inside the as-of view: reading the past is the `history` subresource (ADR 0013) */
  isAsOf: boolean
}

/**
 * Judges one request by its user (throws kube's 403 when denied), once, before any handler runs;
 * for a watch, returns how to follow it so that a later role or binding change that revokes it
 * ends it. Nothing is judged per event.
 */
export function authorizeRequest(deps: RequestAuthorizationDeps, request: AuthorizedRequest): WatchRevocation | undefined {
  const attributes = attributesOf(request)
  const decision = deps.authorizer.authorize(attributes)
  if (!decision.allowed) throw forbiddenError(attributes, decision.reason)
  if (attributes.verb !== 'watch') return undefined
  return (onRevoked) => deps.watches.watch(attributes, onRevoked)
}

function attributesOf({ user, method, url, info, isAsOf }: AuthorizedRequest): AuthorizationAttributes {
  if (!info) return nonResourceAttributes(user, method, url.pathname)
  const attributes = resourceAttributes(user, info, url.searchParams)
  return isAsOf ? asOfAttributes(attributes) : attributes
}

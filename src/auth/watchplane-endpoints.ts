import type { AuthorizationAttributes, Authorizer } from './authorization-attributes.js'
import type { UserInfo } from './user-info.js'

// How watchplane's own endpoints are authorized (docs/decisions/0013-authorizing-watchplane-endpoints.md).
// The past of an object is its `history` subresource: reading it takes get/list/watch on
// `<resource>/history` in the object's group and namespace, like any subresource, so RoleBindings
// grant it per namespace and `kubectl auth can-i get pods --subresource=history` answers it.

export const HISTORY_SUBRESOURCE = 'history'

/** The non-resource paths of watchplane's own pages and sockets. */
export const WATCHPLANE_PATHS = {
  ui: '/ui',
  /** prefix of one object's history: the router then judges `get` on `<resource>/history` */
  history: '/watchplane/v1/history/*',
  changes: '/watchplane/v1/changes',
  multiplex: '/watchplane/v1/multiplex',
} as const

/** One object (or kind of object) whose past is asked for. */
export interface HistoryTarget {
  /** '' for the core group */
  group: string
  /** the plural: `pods`, `deployments` */
  resource: string
  /** '' for cluster-scoped objects */
  namespace: string
  name?: string
}

/**
 * GET /watchplane/v1/history/{group}/{version}/{resource}/{namespace}/{name}: `get` on
 * `<resource>/history`, named, in the object's namespace.
 */
export function objectHistoryAttributes(user: UserInfo, target: HistoryTarget & { name: string }): AuthorizationAttributes {
  return historyAttributes(user, 'get', target)
}

/**
 * A request of the as-of view (`/as-of/<revision>/…`), which reads the API as it stood: the
 * request's own attributes with its subresource replaced by `history` (a past `pods/x/status` is
 * the past of `pods/x`). Its verb stays get, list or watch.
 */
export function asOfAttributes(attributes: AuthorizationAttributes): AuthorizationAttributes {
  return { ...attributes, subresource: HISTORY_SUBRESOURCE }
}

function historyAttributes(user: UserInfo, verb: string, target: HistoryTarget): AuthorizationAttributes {
  return {
    user,
    verb,
    isResourceRequest: true,
    apiGroup: target.group,
    resource: target.resource,
    subresource: HISTORY_SUBRESOURCE,
    namespace: target.namespace,
    ...(target.name ? { name: target.name } : {}),
  }
}

/**
 * Which changes of the change feed (GET /watchplane/v1/changes, after `get` on its path) one
 * user sees: those whose resource's history they may `list` in the change's namespace (cluster-
 * scoped changes: at the cluster scope). Decisions are kept per resource and namespace for the
 * request, so a long feed costs one check per distinct pair, not per change.
 */
export class ChangeFeedAccess {
  readonly #decisions = new Map<string, boolean>()

  constructor(
    private readonly authorizer: Authorizer,
    private readonly user: UserInfo,
  ) {}

  /** `storageResource` as the log keys it: `pods`, `apps/deployments` */
  canSee(storageResource: string, namespace: string): boolean {
    const key = `${storageResource}\u0000${namespace}`
    let isVisible = this.#decisions.get(key)
    if (isVisible === undefined) {
      const slash = storageResource.lastIndexOf('/')
      const target = { group: slash < 0 ? '' : storageResource.slice(0, slash), resource: storageResource.slice(slash + 1), namespace }
      isVisible = this.authorizer.authorize(historyAttributes(this.user, 'list', target)).allowed
      this.#decisions.set(key, isVisible)
    }
    return isVisible
  }
}

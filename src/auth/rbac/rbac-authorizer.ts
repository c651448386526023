import type { AuthorizationAttributes, AuthorizationDecision, Authorizer } from '../authorization-attributes.js'
import type { UserInfo } from '../user-info.js'
import { isPrivileged } from '../well-known-users.js'
import type { PolicyRule } from './policy-rule.js'
import type { RbacIndex } from './rbac-index.js'
import type { RoleRef } from './role-binding.js'
import { ruleAllows } from './rule-allows.js'
import { aggregateErrors, resolveRules, roleReferenceRules, roleRefErrorText, type ResolvedRules, type RoleRefError } from './rule-resolver.js'

/** Past this many distinct users the cache starts over (a bound, not a tuning knob). */
const MAX_CACHED_USERS = 10_000
/** Past this many distinct requests for one user, that user's decisions start over. */
const MAX_DECISIONS_PER_USER = 4096

interface UserCache {
  readonly cluster: ResolvedRules
  readonly namespaces: Map<string, ResolvedRules>
  readonly decisions: Map<string, AuthorizationDecision>
}

const PRIVILEGED: AuthorizationDecision = Object.freeze({ allowed: true, reason: '' })

/**
 * RBAC over the in-memory index, with kube-apiserver's privileged-group authorizer in front:
 * members of system:masters are allowed before any rule is read. Decisions are cached per user
 * and request, and the cache is dropped whenever a role or binding changes (the index's revision),
 * so a request costs a map lookup and a watch is never re-judged per event.
 * (k8s: plugin/pkg/auth/authorizer/rbac/rbac.go; staging/apiserver/pkg/authorization/authorizerfactory/builtin.go
 * privilegedGroupAuthorizer.)
 */
export class RbacAuthorizer implements Authorizer {
  readonly #users = new Map<string, UserCache>()
  #cachedRevision = -1

  constructor(readonly index: RbacIndex) {}

  /** bumped whenever any permission may have changed */
  get revision(): number {
    return this.index.revision
  }

  /** calls `listener` after each change to a role or binding; returns the unsubscribe */
  onChange(listener: () => void): () => void {
    return this.index.onChange(listener)
  }

  /**
   * Allowed, with kube's reason (`RBAC: allowed by ClusterRoleBinding "…" of ClusterRole "…" to
   * Group "…"`, '' for system:masters); or not, with '' or the missing roles kube reports
   * (`RBAC: clusterrole.rbac.authorization.k8s.io "x" not found`), which its 403 message appends.
   */
  authorize(attributes: AuthorizationAttributes): AuthorizationDecision {
    if (isPrivileged(attributes.user)) return PRIVILEGED
    const cache = this.#cacheFor(attributes.user)
    const key = attributesKey(attributes)
    let decision = cache.decisions.get(key)
    if (!decision) {
      if (cache.decisions.size >= MAX_DECISIONS_PER_USER) cache.decisions.clear()
      decision = this.#decide(attributes, cache)
      cache.decisions.set(key, decision)
    }
    return decision
  }

  /**
   * Every rule the user holds in a namespace (cluster-wide ones included), and the errors met on
   * the way: what SelfSubjectRulesReview lists and escalation checks compare against (kube's RulesFor).
   */
  rulesFor(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: RoleRefError[] } {
    const cache = this.#cacheFor(user)
    const scopes = namespace ? [cache.cluster, this.#namespaceRules(cache, user, namespace)] : [cache.cluster]
    return { rules: scopes.flatMap((s) => s.granted.map((g) => g.rule)), errors: scopes.flatMap((s) => s.errors) }
  }

  /** the rules of the role a binding names, or why there are none */
  roleReferenceRules(roleRef: RoleRef, bindingNamespace: string): readonly PolicyRule[] | RoleRefError {
    return roleReferenceRules(this.index, roleRef, bindingNamespace)
  }

  #decide(attributes: AuthorizationAttributes, cache: UserCache): AuthorizationDecision {
    const namespace = attributes.namespace ?? ''
    const scopes = namespace ? [cache.cluster, this.#namespaceRules(cache, attributes.user, namespace)] : [cache.cluster]
    for (const scope of scopes) {
      const granted = scope.granted.find((g) => ruleAllows(attributes, g.rule))
      if (granted) return { allowed: true, reason: `RBAC: allowed by ${granted.source}` }
    }
    const errors = scopes.flatMap((s) => s.errors.map((e) => roleRefErrorText(e, 'singular')))
    return { allowed: false, reason: errors.length ? `RBAC: ${aggregateErrors(errors)}` : '' }
  }

  #cacheFor(user: UserInfo): UserCache {
    if (this.#cachedRevision !== this.index.revision || this.#users.size >= MAX_CACHED_USERS) {
      this.#users.clear()
      this.#cachedRevision = this.index.revision
    }
    const key = userKey(user)
    let cache = this.#users.get(key)
    if (!cache) {
      cache = { cluster: resolveRules(this.index, user, ''), namespaces: new Map(), decisions: new Map() }
      this.#users.set(key, cache)
    }
    return cache
  }

  #namespaceRules(cache: UserCache, user: UserInfo, namespace: string): ResolvedRules {
    let rules = cache.namespaces.get(namespace)
    if (!rules) cache.namespaces.set(namespace, (rules = resolveRules(this.index, user, namespace)))
    return rules
  }
}

// RBAC reads a user's name and groups only (not uid or extra), so those make the cache key; it is
// built once per user object (authentication hands back the same one for the same credentials).
const userKeys = new WeakMap<UserInfo, string>()
function userKey(user: UserInfo): string {
  let key = userKeys.get(user)
  if (key === undefined) userKeys.set(user, (key = `${user.name}\u0000${user.groups.join('\u0000')}`))
  return key
}

const attributesKey = (a: AuthorizationAttributes) =>
  a.isResourceRequest
    ? `r\u0000${a.verb}\u0000${a.apiGroup ?? ''}\u0000${a.resource ?? ''}\u0000${a.subresource ?? ''}\u0000${a.namespace ?? ''}\u0000${a.name ?? ''}`
    : `n\u0000${a.verb}\u0000${a.path ?? ''}`

import { badRequest } from '../api/errors.js'
import type { AuthorizationAttributes, Authorizer } from './authorization-attributes.js'
import { forbiddenError } from './forbidden-error.js'
import type { UserInfo } from './user-info.js'
import { ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, ANONYMOUS, serviceAccountGroups, serviceAccountUsername } from './well-known-users.js'

/** Who a request asks to act as: the Impersonate-* headers (kubectl --as, --as-group, --as-uid). */
export interface ImpersonationRequest {
  user: string
  groups: readonly string[]
  uid?: string
  extra: Readonly<Record<string, readonly string[]>>
}

const EXTRA_PREFIX = 'impersonate-extra-'
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/

/**
 * The impersonation a request asks for, from its headers (each header line one value), or
 * undefined for none. Groups, extras or a uid without a user are refused: kube answers that with
 * a 500 (filters/impersonation.go buildImpersonationRequests); a bad request is a 400 here.
 */
export function impersonationOf(headers: Readonly<Record<string, readonly string[] | undefined>>): ImpersonationRequest | undefined {
  const user = headers['impersonate-user']?.[0] ?? ''
  const groups = headers['impersonate-group'] ?? []
  const uid = headers['impersonate-uid']?.[0]
  const extra: Record<string, string[]> = {}
  for (const [name, values] of Object.entries(headers)) {
    if (!name.startsWith(EXTRA_PREFIX) || !values) continue
    const key = safeDecode(name.slice(EXTRA_PREFIX.length).toLowerCase())
    extra[key] = [...(extra[key] ?? []), ...values]
  }
  const hasOthers = groups.length > 0 || uid !== undefined || Object.keys(extra).length > 0
  if (!user) {
    if (hasOthers) throw badRequest('requested impersonation of groups, extra or a uid without impersonating a user')
    return undefined
  }
  return { user, groups, ...(uid === undefined ? {} : { uid }), extra }
}

const safeDecode = (key: string) => {
  try {
    return decodeURIComponent(key)
  } catch {
    return key
  }
}

/** `system:serviceaccount:<namespace>:<name>` of a valid namespace and name (serviceaccount.SplitUsername) */
function splitServiceAccount(username: string): { namespace: string; name: string } | undefined {
  const parts = username.split(':')
  if (parts.length !== 4 || parts[0] !== 'system' || parts[1] !== 'serviceaccount') return undefined
  const [, , namespace, name] = parts as [string, string, string, string]
  return DNS_LABEL.test(namespace) && namespace.length <= 63 && DNS_SUBDOMAIN.test(name) && name.length <= 253 ? { namespace, name } : undefined
}

/**
 * Acts as the impersonated user, once the requester may impersonate each part of it (kube:
 * staging/apiserver/pkg/endpoints/filters/impersonation.go): verb `impersonate` on `users` or
 * `serviceaccounts`, on `groups`, on `userextras/<key>` and `uids` (authentication.k8s.io). The
 * first refusal is the 403. Without groups asked for, a ServiceAccount gets its own groups; every
 * impersonated user but anonymous gets system:authenticated, anonymous system:unauthenticated.
 */
export function impersonate(requester: UserInfo, request: ImpersonationRequest, authorizer: Authorizer): UserInfo {
  const check = (attributes: Omit<AuthorizationAttributes, 'user' | 'verb' | 'isResourceRequest'>) => {
    const full: AuthorizationAttributes = { user: requester, verb: 'impersonate', isResourceRequest: true, ...attributes }
    const decision = authorizer.authorize(full)
    if (!decision.allowed) throw forbiddenError(full, decision.reason)
  }
  const serviceAccount = splitServiceAccount(request.user)
  let groups: string[] = []
  if (serviceAccount) {
    check({ apiGroup: '', resource: 'serviceaccounts', namespace: serviceAccount.namespace, name: serviceAccount.name })
    if (request.groups.length === 0) groups = serviceAccountGroups(serviceAccount.namespace)
  } else check({ apiGroup: '', resource: 'users', name: request.user })
  for (const group of request.groups) {
    check({ apiGroup: '', resource: 'groups', name: group })
    groups.push(group)
  }
  for (const [key, values] of Object.entries(request.extra)) {
    for (const value of values) check({ apiGroup: 'authentication.k8s.io', resource: 'userextras', subresource: key, name: value })
  }
  if (request.uid !== undefined) check({ apiGroup: 'authentication.k8s.io', resource: 'uids', name: request.uid })
  const name = serviceAccount ? serviceAccountUsername(serviceAccount.namespace, serviceAccount.name) : request.user
  return { name, ...(request.uid === undefined ? {} : { uid: request.uid }), groups: withStatusGroup(name, groups), ...(Object.keys(request.extra).length ? { extra: request.extra } : {}) }
}

function withStatusGroup(name: string, groups: string[]): string[] {
  if (name === ANONYMOUS) return groups.includes(ALL_UNAUTHENTICATED) ? groups : [...groups, ALL_UNAUTHENTICATED]
  return groups.includes(ALL_AUTHENTICATED) || groups.includes(ALL_UNAUTHENTICATED) ? groups : [...groups, ALL_AUTHENTICATED]
}

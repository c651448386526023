import type { IncomingMessage } from 'node:http'
import type { UserInfo } from '../../auth/user-info.js'
import { ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, ANONYMOUS } from '../../auth/well-known-users.js'

/**
 * Who a request acts as until authentication lands (#9): nobody, which is the unchecked server
 * of today, unless it names a user with kube's impersonation headers, as `kubectl --as jane
 * --as-group team` sends them. Without authentication every caller may do anything, so anyone may
 * impersonate; the user named is then judged by RBAC like any other. As kube's impersonation
 * filter does, a named user other than system:anonymous is also in system:authenticated
 * (k8s: staging/apiserver/pkg/endpoints/filters/impersonation.go). Impersonate-Uid and
 * Impersonate-Extra-* are not read: RBAC judges names and groups only.
 * TODO(#9): replaced by the request door's authentication and impersonation (branch authn).
 */
export function impersonatedUserOf(req: IncomingMessage): UserInfo | undefined {
  const name = req.headers['impersonate-user']
  if (typeof name !== 'string' || name === '') return undefined
  const groups = req.headersDistinct['impersonate-group'] ?? []
  const implied = name === ANONYMOUS ? ALL_UNAUTHENTICATED : ALL_AUTHENTICATED
  return { name, groups: groups.includes(implied) ? groups : [...groups, implied] }
}

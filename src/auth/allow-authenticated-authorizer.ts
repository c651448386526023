import type { AuthorizationAttributes, AuthorizationDecision, Authorizer } from './authorization-attributes.js'
import { matchesPath, PUBLIC_INFO_PATHS, UI_PATHS } from './public-paths.js'
import { ALL_AUTHENTICATED, isPrivileged } from './well-known-users.js'

const ALLOWED_PRIVILEGED: AuthorizationDecision = Object.freeze({ allowed: true, reason: 'member of system:masters' })
const ALLOWED_AUTHENTICATED: AuthorizationDecision = Object.freeze({ allowed: true, reason: 'authenticated: every authenticated user may do anything until RBAC' })
const ALLOWED_PUBLIC: AuthorizationDecision = Object.freeze({ allowed: true, reason: 'public path' })
const DENIED: AuthorizationDecision = Object.freeze({ allowed: false, reason: '' })

/**
 * The authorizer until RBAC: members of system:masters and every authenticated user may do
 * anything; anyone else (anonymous, where anonymous access is on) may only `get` what kube's
 * system:public-info-viewer opens to everyone, and the timeline UI's static files.
 * TODO(#9): replaced by the RBAC authorizer (branch rbac) in app.ts.
 */
export const allowAuthenticatedAuthorizer: Authorizer = {
  authorize(attributes: AuthorizationAttributes): AuthorizationDecision {
    if (isPrivileged(attributes.user)) return ALLOWED_PRIVILEGED
    if (attributes.user.groups.includes(ALL_AUTHENTICATED)) return ALLOWED_AUTHENTICATED
    const isPublic = !attributes.isResourceRequest && attributes.verb === 'get' && matchesPath([...PUBLIC_INFO_PATHS, ...UI_PATHS], attributes.path ?? '')
    return isPublic ? ALLOWED_PUBLIC : DENIED
  },
}

import type { Revision } from '../api/resource-version.js'
import type { UserInfo } from '../auth/user-info.js'
import type { WriteAudit } from '../storage/storage.js'
import type { ResourceDefinition } from './resource-definition.js'

export type { FieldValidation } from './validation/field-validation.js'
import type { FieldValidation } from './validation/field-validation.js'

/** Everything about one request the registry needs, parsed at the HTTP edge. */
export interface RequestScope {
  definition: ResourceDefinition
  /** '' for cluster-scoped resources and cluster-wide lists */
  namespace: string
  name?: string
  subresource?: 'status' | 'scale'
  isDryRun: boolean
  fieldManager?: string
  fieldValidation: FieldValidation
  userAgent?: string
  /**
   * who the request acts as, as the door authenticated (and impersonated) it; its name goes on the
   * log row. Undefined for the server's own controllers, whose writes skip the checks that judge a
   * user (escalation).
   */
  user?: UserInfo
  /** a read-only view of the whole API as it stood at this revision (the as-of view) */
  asOf?: Revision
  /** kube-style `Warning` headers collected while serving the request */
  warnings: string[]
  /** set by a write: the resourceVersion it left the object at (the audit event's objectRef) */
  writtenResourceVersion?: string
  /** set by a write: the written object's name (a create's URL names none: kube's objectRef takes it from the body) */
  writtenName?: string
}

/** kube derives the manager from the User-Agent's first segment when none is given. */
export function managerOf(scope: RequestScope): string {
  if (scope.fieldManager) return scope.fieldManager
  const agent = scope.userAgent ?? 'unknown'
  const slash = agent.indexOf('/')
  return (slash < 0 ? agent : agent.slice(0, slash)) || 'unknown'
}

/** Who and what made a write, for its log row: the field manager as the client named it, if it did. */
export function auditOf(scope: RequestScope, verb: string): WriteAudit {
  return {
    verb,
    ...(verb !== 'delete' && scope.fieldManager ? { fieldManager: scope.fieldManager } : {}),
    ...(scope.userAgent ? { userAgent: scope.userAgent } : {}),
    ...(scope.user ? { username: scope.user.name } : {}),
  }
}

import type { IncomingMessage } from 'node:http'
import type { Logger } from 'pino'
import type { RequestInfo } from '../../api/request-info.js'
import type { Revision } from '../../api/resource-version.js'
import type { AuthorizationAttributes } from '../../auth/authorization-attributes.js'
import type { UserInfo } from '../../auth/user-info.js'
import type { AuditRecord } from '../audit/audit-record.js'
import type { RequestUrl } from './request-url.js'

/** A request that passed the door (request-door.ts): who it is from, what it asks, at which revision. */
export interface RequestContext {
  log: Logger
  /** the URL served: inside the as-of view, the path within it */
  url: RequestUrl
  info: RequestInfo
  /** who the request acts as: the authenticated user, or the one it impersonates */
  user: UserInfo
  /** the revision of the as-of view the request is inside */
  asOf?: Revision
  audit: AuditRecord
  /** what the authorizer judged: a watch is followed with them, and ended if a later RBAC change denies them */
  attributes: AuthorizationAttributes
}

// express routes get the plain request: the door leaves the context beside it.
const contexts = new WeakMap<IncomingMessage, RequestContext>()

export const attachContext = (req: IncomingMessage, ctx: RequestContext) => void contexts.set(req, ctx)

/** The context the door gave an admitted request; throws for one that never passed it (a bug). */
export function contextOf(req: IncomingMessage): RequestContext {
  const ctx = contexts.get(req)
  if (!ctx) throw new Error('request did not pass the door')
  return ctx
}

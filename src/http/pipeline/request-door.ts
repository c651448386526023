import type { IncomingMessage } from 'node:http'
import type { Logger } from 'pino'
import { unauthorized } from '../../api/errors.js'
import { parseRequestInfo, type RequestInfo } from '../../api/request-info.js'
import { parseRequestTarget } from '../../api/request-target.js'
import { then, type MaybePromise } from '../../api/maybe-promise.js'
import type { RequestAuthenticator } from '../../auth/authentication/request-authenticator.js'
import type { AuthorizationAttributes, Authorizer } from '../../auth/authorization-attributes.js'
import { requestAttributes } from '../../auth/request-attributes.js'
import { asOfAttributes } from '../../auth/watchplane-endpoints.js'
import { forbiddenError } from '../../auth/forbidden-error.js'
import { impersonate, impersonationOf } from '../../auth/impersonation.js'
import type { UserInfo } from '../../auth/user-info.js'
import type { StorageReader } from '../../storage/storage.js'
import { checkReadOnly, resolveAsOf, splitAsOfPath } from '../as-of-view.js'
import type { AuditRecord } from '../audit/audit-record.js'
import { clientCertificateOf } from './client-certificate-of.js'
import { requestUrl, type RequestUrl } from './request-url.js'
import type { RequestContext } from './request-context.js'

export interface RequestDoorDeps {
  authenticator: RequestAuthenticator
  authorizer: Authorizer
  storage: StorageReader
  /** `serve --as-of`: every request is inside the as-of view at this revision or time */
  asOf?: string | undefined
}

/**
 * The one way in (docs/architecture.md, "The request pipeline"): every request, plain, upgraded to
 * a WebSocket, or a subscription on a multiplexed socket, is read as a RequestInfo, authenticated,
 * impersonated, authorized and placed in the as-of view here, in that order, before any handler
 * runs. Synchronous unless something must be waited for (a token seen for the first time, the
 * as-of revision), so the hot path adds no turn of the event loop. Refusals are thrown: 401, 403, 405.
 */
export class RequestDoor {
  constructor(private readonly deps: RequestDoorDeps) {}

  admit(req: IncomingMessage, request: { log: Logger; audit: AuditRecord }): MaybePromise<RequestContext> {
    if (this.deps.asOf !== undefined && !req.url?.startsWith('/as-of/')) req.url = `/as-of/${encodeURIComponent(this.deps.asOf)}${req.url ?? '/'}`
    // A malformed escape or absolute-form target is a 400 as Go's server answers it; express then
    // sees the origin form.
    const target = parseRequestTarget(req.url ?? '/')
    req.url = target.rawPath + target.search
    const asOfPath = splitAsOfPath(target.rawPath)
    const url = requestUrl(asOfPath ? asOfPath.innerPath : target.rawPath, target.query)
    const info = parseRequestInfo(req.method ?? 'GET', url.pathname, url.searchParams)
    const { audit } = request
    audit.info = info
    const authentication = this.deps.authenticator.authenticate({
      clientCertificate: clientCertificateOf(req),
      authorization: req.headers.authorization,
      websocketProtocols: req.headers['sec-websocket-protocol'],
      path: url.pathname,
    })
    return then(authentication, (result) => {
      if ('failure' in result) {
        request.log.debug({ reason: result.failure }, 'request unauthenticated')
        throw unauthorized()
      }
      audit.user = result.user
      const user = this.#impersonated(result.user, req, audit)
      const attributes = this.#authorize(user, info, audit, asOfPath !== undefined)
      const ctx: RequestContext = { log: request.log, url, info, user, audit, attributes }
      if (!asOfPath) return ctx
      checkReadOnly(info)
      // Only the as-of view waits: for its revision, maybe for a time to be looked up.
      return resolveAsOf(asOfPath.spec, this.deps.storage).then((asOf) => {
        // express routes inside the view see the path within it
        req.url = url.pathname + url.search
        return { ...ctx, asOf }
      })
    })
  }

  /**
   * A request made on behalf of an admitted one, with the same user: a multiplexed subscription is
   * authorized as the watch URL it stands for. Throws the 403.
   */
  authorizeAs(ctx: Pick<RequestContext, 'user' | 'audit' | 'asOf'>, method: string, url: RequestUrl): { info: RequestInfo; attributes: AuthorizationAttributes } {
    const info = parseRequestInfo(method, url.pathname, url.searchParams)
    return { info, attributes: this.#authorize(ctx.user, info, { ...ctx.audit }, ctx.asOf !== undefined) }
  }

  #impersonated(requester: UserInfo, req: IncomingMessage, audit: AuditRecord): UserInfo {
    // headersDistinct builds a new object: only for the requests that ask to impersonate
    if (!Object.keys(req.headers).some((name) => name.startsWith('impersonate-'))) return requester
    const impersonation = impersonationOf(req.headersDistinct)
    if (!impersonation) return requester
    // each impersonation check is the request's decision until one refuses or the request itself is judged
    const recording: Authorizer = { authorize: (attributes) => (audit.decision = this.deps.authorizer.authorize(attributes)) }
    const user = impersonate(requester, impersonation, recording)
    audit.impersonatedUser = user
    return user
  }

  /** Judges the request (throws kube's 403); inside the as-of view, reading the past is the `history` subresource (ADR 0013). */
  #authorize(user: UserInfo, info: RequestInfo, audit: AuditRecord, isAsOf: boolean): AuthorizationAttributes {
    const requested = requestAttributes(user, info)
    const attributes = isAsOf && requested.isResourceRequest ? asOfAttributes(requested) : requested
    const decision = this.deps.authorizer.authorize(attributes)
    audit.decision = decision
    if (!decision.allowed) throw forbiddenError(attributes, decision.reason)
    return attributes
  }
}

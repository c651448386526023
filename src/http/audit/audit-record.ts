import type { IncomingMessage } from 'node:http'
import type { RequestInfo } from '../../api/request-info.js'
import type { Status } from '../../api/types.js'
import type { AuthorizationDecision } from '../../auth/authorization-attributes.js'
import type { UserInfo } from '../../auth/user-info.js'
import type { RequestScope } from '../../registry/request-scope.js'

/** What the audit event of one request is made of, filled in as the request passes the door and is served. */
export interface AuditRecord {
  auditId: string
  receivedAtUs: number
  requestUri: string
  sourceIps: string[]
  userAgent?: string | undefined
  info?: RequestInfo
  /** who authenticated */
  user?: UserInfo
  /** who they act as, when impersonating */
  impersonatedUser?: UserInfo
  decision?: AuthorizationDecision
  /** the registry's view of a resource request, which a write leaves its resulting resourceVersion on */
  scope?: Pick<RequestScope, 'writtenResourceVersion' | 'writtenName'>
  /** the Status an error answered with */
  responseStatus?: Status
}

/** Microseconds since the epoch, the precision of kube's MicroTime. */
export const nowUs = () => Math.round((performance.timeOrigin + performance.now()) * 1000)

const unmapped = (ip: string) => (ip.startsWith('::ffff:') ? ip.slice(7) : ip)
const isIp = (value: string) => /^[\d.]+$|:/.test(value)

/**
 * The addresses a request came from, as kube's utilnet.SourceIPs lists them: X-Forwarded-For, then
 * X-Real-Ip unless already listed, then the connection's address unless it is the last one listed.
 */
export function sourceIpsOf(req: IncomingMessage): string[] {
  const remote = req.socket.remoteAddress ? unmapped(req.socket.remoteAddress) : undefined
  // every request passes here: most name no proxy, and then only the connection's address counts
  if (req.headers['x-forwarded-for'] === undefined && req.headers['x-real-ip'] === undefined) return remote ? [remote] : []
  const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').map((ip) => ip.trim()).filter(isIp)
  const realIp = String(req.headers['x-real-ip'] ?? '').trim()
  const ips = [...forwarded, ...(isIp(realIp) && !forwarded.includes(realIp) ? [realIp] : [])]
  // A new array of the exact length, not a push (which leaves room for 16 more): a watch keeps it while open.
  return remote && ips.at(-1) !== remote ? ips.concat(remote) : ips
}

export function newAuditRecord(req: IncomingMessage, auditId: string): AuditRecord {
  return { auditId, receivedAtUs: nowUs(), requestUri: req.url ?? '/', sourceIps: sourceIpsOf(req), userAgent: req.headers['user-agent'] }
}

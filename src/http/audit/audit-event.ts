import type { UserInfo } from '../../auth/user-info.js'
import { nowUs, type AuditRecord } from './audit-record.js'

const MUTATING_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection', 'post', 'put'])

/** Every request that changes something, and every one refused for who sent it. */
export const isAudited = (record: AuditRecord, code: number) =>
  code === 401 || code === 403 || (record.info !== undefined && MUTATING_VERBS.has(record.info.verb))

/** metav1.MicroTime: RFC 3339 with six fraction digits, UTC. */
function microTime(us: number): string {
  const iso = new Date(Math.floor(us / 1000)).toISOString()
  return `${iso.slice(0, 19)}.${String(us % 1_000_000).padStart(6, '0')}Z`
}

/** authentication/v1 UserInfo */
const userJson = (user: UserInfo) => ({
  username: user.name,
  ...(user.uid ? { uid: user.uid } : {}),
  ...(user.groups.length ? { groups: user.groups } : {}),
  ...(user.extra && Object.keys(user.extra).length ? { extra: user.extra } : {}),
})

// A create's URL names nothing: kube's LogRequestObject (pkg/audit/request.go) fills the name in
// from the request body; here from the object written, so a generateName create names its result.
function objectRefOf(record: AuditRecord) {
  const info = record.info
  if (!info?.isResourceRequest) return undefined
  const name = info.name || record.scope?.writtenName
  return {
    resource: info.resource,
    ...(info.namespace ? { namespace: info.namespace } : {}),
    ...(name ? { name } : {}),
    ...(info.apiGroup ? { apiGroup: info.apiGroup } : {}),
    apiVersion: info.apiVersion,
    ...(record.scope?.writtenResourceVersion ? { resourceVersion: record.scope.writtenResourceVersion } : {}),
    ...(info.subresource ? { subresource: info.subresource } : {}),
  }
}

/**
 * One audit.k8s.io/v1 Event at level Metadata, stage ResponseComplete, as kube-apiserver writes it
 * (k8s: staging/apiserver/pkg/apis/audit/v1/types.go, pkg/audit/request.go): no bodies; a Status
 * answer's status, message and reason; the authorizer's decision and reason as annotations.
 */
export function auditEventOf(record: AuditRecord, code: number): object {
  const objectRef = objectRefOf(record)
  const status = record.responseStatus
  const { decision } = record
  return {
    kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata',
    auditID: record.auditId, stage: 'ResponseComplete', requestURI: record.requestUri,
    verb: record.info?.verb ?? '',
    user: record.user ? userJson(record.user) : {},
    ...(record.impersonatedUser ? { impersonatedUser: userJson(record.impersonatedUser) } : {}),
    sourceIPs: record.sourceIps,
    ...(record.userAgent ? { userAgent: record.userAgent } : {}),
    ...(objectRef ? { objectRef } : {}),
    responseStatus: status
      ? { metadata: {}, status: status.status, message: status.message, reason: status.reason, ...(status.details ? { details: status.details } : {}), code }
      : { metadata: {}, code },
    requestReceivedTimestamp: microTime(record.receivedAtUs),
    stageTimestamp: microTime(nowUs()),
    ...(decision ? { annotations: { 'authorization.k8s.io/decision': decision.allowed ? 'allow' : 'forbid', 'authorization.k8s.io/reason': decision.reason } } : {}),
  }
}

import type { WriteAudit } from '../storage/storage.js'

/** RFC 3339 to the second, as kubectl prints times: `2026-11-25T13:01:02Z`. */
export const formatTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** `demo/web-0`, or `web-0` when cluster-scoped. */
export const formatObjectName = (namespace: string, name: string) => (namespace ? `${namespace}/${name}` : name)

/** Everything known about who made a change: `update by kubectl-edit as admin via kubectl/v1.31.0 (linux/amd64)`. */
export function formatActor(audit: WriteAudit): string {
  return [
    audit.verb,
    audit.fieldManager && `by ${audit.fieldManager}`,
    audit.username && `as ${audit.username}`,
    audit.userAgent && `via ${audit.userAgent}`,
  ].filter(Boolean).join(' ')
}

/** The shortest useful name for who made a change: the field manager, else the client's product token, else the verb. */
export const shortActor = (audit: WriteAudit) => audit.fieldManager ?? audit.userAgent?.split(' ')[0] ?? audit.verb

import { requestUrl, type RequestUrl } from '../pipeline/request-url.js'
import { badRequest } from '../../api/errors.js'
import type { ClientMessage, SubscribeMessage } from '../../api/multiplex-protocol.js'

const isShortString = (v: unknown, max = 128): v is string => typeof v === 'string' && v.length > 0 && v.length <= max

export function parseClientMessage(text: string): ClientMessage {
  let message: Record<string, unknown>
  try {
    message = JSON.parse(text) as Record<string, unknown>
  } catch {
    throw badRequest('message is not valid JSON')
  }
  if (message === null || typeof message !== 'object') throw badRequest('message must be a JSON object')
  if (!isShortString(message.id)) throw badRequest('id must be a string of 1 to 128 characters')
  if (message.type === 'unsubscribe') return { type: 'unsubscribe', id: message.id }
  if (message.type !== 'subscribe') throw badRequest(`unknown message type ${JSON.stringify(message.type)}: subscribe or unsubscribe`)
  if (!isShortString(message.version, 64) || !isShortString(message.resource, 253)) throw badRequest('subscribe needs version and resource')
  return message as unknown as SubscribeMessage
}

/** The subscription as the watch URL it stands for, so it is parsed and validated like one. */
export function toWatchUrl(message: SubscribeMessage): RequestUrl {
  const base = message.group ? `/apis/${message.group}/${message.version}` : `/api/${message.version}`
  const scoped = message.namespace ? `${base}/namespaces/${encodeURIComponent(message.namespace)}` : base
  const url = requestUrl(`${scoped}/${encodeURIComponent(message.resource)}`, new URLSearchParams({ watch: 'true' }))
  const params: [string, unknown][] = [
    ['labelSelector', message.labelSelector], ['fieldSelector', message.fieldSelector],
    ['resourceVersion', message.resourceVersion], ['allowWatchBookmarks', message.allowWatchBookmarks],
    ['sendInitialEvents', message.sendInitialEvents], ['timeoutSeconds', message.timeoutSeconds],
  ]
  for (const [name, value] of params) if (value !== undefined && value !== null) url.searchParams.set(name, String(value))
  if (message.sendInitialEvents) url.searchParams.set('resourceVersionMatch', 'NotOlderThan')
  return url
}

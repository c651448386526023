import type { KubeObject } from '../../api/types.js'
import { timeSince } from './duration.js'
import { isSet, items, text } from './fields.js'
import { ageColumn, column, nameColumn } from './printer.js'
import type { Printer } from './printer.js'

const SHOWN_HOSTS = 3

/**
 * formatHosts: the first three rule hosts; `+ N more...` (N counting every rule past three) when
 * any rule follows the third host; `*` when no rule has a host.
 */
function hostsCell(ingress: KubeObject): string {
  const rules = items(ingress, 'spec.rules')
  const hosts: string[] = []
  let isMore = false
  for (const rule of rules) {
    if (hosts.length === SHOWN_HOSTS) isMore = true
    if (!isMore && text(rule, 'host')) hosts.push(text(rule, 'host'))
  }
  if (hosts.length === 0) return '*'
  return isMore ? `${hosts.join(',')} + ${rules.length - SHOWN_HOSTS} more...` : hosts.join(',')
}

/** ingressLoadBalancerStatusStringer, wide (the server renders wide): IP else hostname, de-duplicated and sorted. */
function addressCell(ingress: KubeObject): string {
  const names = items(ingress, 'status.loadBalancer.ingress').map((i) => text(i, 'ip') || text(i, 'hostname')).filter(Boolean)
  return [...new Set(names)].sort().join(',')
}

// printers.go ingressColumnDefinitions / printIngress: Ports is `80, 443` as soon as there is TLS.
export const ingressPrinter: Printer = {
  columns: [
    nameColumn,
    column('Class', { text: 'The name of the IngressClass resource that should be used for additional configuration' }),
    column('Hosts', { text: 'Hosts that incoming requests are matched against before the ingress rule' }),
    column('Address', { text: 'Address is a list containing ingress points for the load-balancer' }),
    column('Ports', { text: 'Ports of TLS configurations that open' }),
    ageColumn,
  ],
  cells(ingress, nowMs) {
    return [
      ingress.metadata.name ?? '',
      isSet(ingress, 'spec.ingressClassName') ? text(ingress, 'spec.ingressClassName') : '<none>',
      hostsCell(ingress),
      addressCell(ingress),
      items(ingress, 'spec.tls').length > 0 ? '80, 443' : '80',
      timeSince(ingress.metadata.creationTimestamp, nowMs),
    ]
  },
}

import { valueAt } from '../../api/selectors.js'
import type { KubeObject } from '../../api/types.js'
import { timeSince } from './duration.js'
import { int, items, text } from './fields.js'
import { ageColumn, column, nameColumn, wideColumn } from './printer.js'
import type { Printer } from './printer.js'
import { formatLabels } from './workload-cells.js'

// printers.go serviceColumnDefinitions / printService. kube defaults spec.type to ClusterIP and
// ports' protocol to TCP before storing; objects stored without them print the same.
export const servicePrinter: Printer = {
  columns: [
    nameColumn,
    column('Type', 'ServiceSpec.type'),
    column('Cluster-IP', 'ServiceSpec.clusterIP'),
    column('External-IP', 'ServiceSpec.externalIPs'),
    column('Port(s)', 'ServiceSpec.ports'),
    ageColumn,
    wideColumn('Selector', 'ServiceSpec.selector'),
  ],
  cells(svc, nowMs) {
    return [
      svc.metadata.name ?? '',
      serviceType(svc),
      text(svc, 'spec.clusterIPs.0') || text(svc, 'spec.clusterIP') || '<none>',
      externalIP(svc),
      portsCell(svc),
      timeSince(svc.metadata.creationTimestamp, nowMs),
      formatLabels(valueAt(svc, 'spec.selector')),
    ]
  },
}

const serviceType = (svc: KubeObject) => text(svc, 'spec.type') || 'ClusterIP'

/** getServiceExternalIP with wide=true (the server always renders wide, so no 16-byte clipping). */
function externalIP(svc: KubeObject): string {
  const externalIPs = items(svc, 'spec.externalIPs').map(String)
  switch (serviceType(svc)) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>'
    case 'LoadBalancer': {
      const ingress = loadBalancerIngress(svc)
      if (externalIPs.length > 0) return [...ingress, ...externalIPs].join(',')
      return ingress.length > 0 ? ingress.join(',') : '<pending>'
    }
    case 'ExternalName':
      return text(svc, 'spec.externalName')
    default:
      return '<unknown>'
  }
}

/** loadBalancerStatusStringer: IP else hostname of each ingress, de-duplicated and sorted. */
function loadBalancerIngress(svc: KubeObject): string[] {
  const names = items(svc, 'status.loadBalancer.ingress').map((i) => text(i, 'ip') || text(i, 'hostname')).filter(Boolean)
  return [...new Set(names)].sort()
}

/** makePortString: `80/TCP`, `80:30080/TCP`, comma-joined; `<none>` without ports. */
function portsCell(svc: KubeObject): string {
  const pieces = items(svc, 'spec.ports').map((p) => {
    const protocol = text(p, 'protocol') || 'TCP'
    const nodePort = int(p, 'nodePort')
    return nodePort > 0 ? `${int(p, 'port')}:${nodePort}/${protocol}` : `${int(p, 'port')}/${protocol}`
  })
  return pieces.length > 0 ? pieces.join(',') : '<none>'
}

import type { KubeObject } from '../../api/types.js'
import { objectAt, objectsIn } from './go-fields.js'

interface ServicePort {
  protocol?: string
  port?: number
  targetPort?: number | string
}

export interface ServiceSpec {
  type?: string
  clusterIP?: string
  clusterIPs?: string[]
  ports?: ServicePort[]
  sessionAffinity?: string
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } }
  externalTrafficPolicy?: string
  internalTrafficPolicy?: string
  ipFamilies?: string[]
  ipFamilyPolicy?: string
  allocateLoadBalancerNodePorts?: boolean
  [field: string]: unknown
}

export const hasNodePorts = (spec: ServiceSpec) => spec.type === 'NodePort' || spec.type === 'LoadBalancer'

/**
 * The defaults kube-apiserver gives a Service (k8s: pkg/apis/core/v1/defaults.go SetDefaults_Service,
 * ServicePort.protocol's `+default="TCP"`, and the IP family defaults of pkg/registry/core/service/
 * storage/storage.go for single-stack IPv4). LoadBalancerIPMode is on in 1.32: a load balancer's
 * reported IPs are VIPs unless the status says otherwise.
 */
export function defaultService(service: KubeObject): ServiceSpec {
  const spec = ((service.spec ??= {}) as ServiceSpec)
  spec.type ||= 'ClusterIP'
  spec.sessionAffinity ||= 'None'
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig
  if (spec.sessionAffinity === 'ClientIP' && typeof spec.sessionAffinityConfig?.clientIP?.timeoutSeconds !== 'number') {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } }
  }
  for (const port of spec.ports ?? []) {
    port.protocol ||= 'TCP'
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port
  }
  if (hasNodePorts(spec)) spec.externalTrafficPolicy ||= 'Cluster'
  if (spec.type === 'LoadBalancer') {
    spec.allocateLoadBalancerNodePorts ??= true
    for (const ingress of objectsIn(objectAt(objectAt(service, 'status'), 'loadBalancer'), 'ingress')) {
      if (ingress.ip && (ingress.ipMode ?? null) === null) ingress.ipMode = 'VIP'
    }
  }
  if (spec.type !== 'ExternalName') {
    spec.internalTrafficPolicy ??= 'Cluster'
    spec.ipFamilies ??= ['IPv4']
    spec.ipFamilyPolicy ??= 'SingleStack'
  }
  return spec
}

import { internalError, invalid } from '../../api/errors.js'
import type { KubeObject, StatusCause } from '../../api/types.js'
import type { StoreContext } from '../store-context.js'
import type { Strategy } from '../strategy.js'
import type { AllocationFailure } from './address-pool.js'
import { defaultService, hasNodePorts, type ServiceSpec } from '../defaults/service-defaults.js'
import type { ServiceNetwork } from './service-network.js'

const ownerOf = (service: KubeObject) => `${service.metadata.namespace ?? ''}/${service.metadata.name ?? ''}`
const refuse = (service: KubeObject, causes: StatusCause[]) => invalid('Service', '', service.metadata.name ?? '', causes)
const invalidCause = (field: string, value: string, message: string): StatusCause => ({ reason: 'FieldValueInvalid', field, message: `Invalid value: ${value}: ${message}` })

// The allocators' words (k8s: pkg/registry/core/service/ipallocator/interfaces.go, portallocator/allocator.go).
function ipFailure(network: ServiceNetwork, ip: string, failure: AllocationFailure): string {
  if (failure === 'allocated') return 'provided IP is already allocated'
  return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${network.clusterIpRange}`
}
const portFailure = (network: ServiceNetwork, failure: AllocationFailure) =>
  failure === 'allocated' ? 'provided port is already allocated' : `provided port is not in the valid range. The range of valid ports is ${network.nodePortRange}`

/** spec.clusterIP(s): a requested address is honoured or refused; none asked gets the next free one (k8s: service/storage/alloc.go). */
function allocateClusterIp(network: ServiceNetwork, service: KubeObject, spec: ServiceSpec): void {
  if (spec.type === 'ExternalName' || spec.clusterIP === 'None') {
    if (spec.clusterIP === 'None') spec.clusterIPs = ['None']
    return
  }
  const wanted = spec.clusterIP || spec.clusterIPs?.[0] || undefined
  const result = network.allocateClusterIp(ownerOf(service), wanted)
  if (result === 'full') throw internalError('failed to allocate a serviceIP: range is full')
  if (result === 'allocated' || result === 'not-in-range') {
    const value = `[]string{${JSON.stringify(wanted)}}`
    throw refuse(service, [invalidCause('spec.clusterIPs', value, `failed to allocate IP ${wanted}: ${ipFailure(network, wanted!, result)}`)])
  }
  spec.clusterIP = result
  spec.clusterIPs = [result]
}

/** spec.ports[].nodePort for NodePort and LoadBalancer Services. */
function allocateNodePorts(network: ServiceNetwork, service: KubeObject, spec: ServiceSpec): void {
  if (!hasNodePorts(spec) || spec.allocateLoadBalancerNodePorts === false) return
  const ports = (spec.ports ?? []) as { nodePort?: number }[]
  ports.forEach((port, i) => {
    const result = network.nodePorts.allocate(ownerOf(service), port.nodePort || undefined)
    if (result === 'full') throw internalError('failed to allocate a nodePort: range is full')
    if (typeof result !== 'number') throw refuse(service, [invalidCause(`spec.ports[${i}].nodePort`, String(port.nodePort), portFailure(network, result))])
    port.nodePort = result
  })
}

/** Allocated values a new spec leaves out are kept, as kube's update does (patchAllocatedValues). */
function keepAllocated(current: ServiceSpec, next: ServiceSpec): void {
  if (next.type === 'ExternalName') return
  next.clusterIP ??= current.clusterIP
  next.clusterIPs ??= current.clusterIPs
  if (!hasNodePorts(next)) return
  const byPort = new Map((current.ports ?? []).map((p) => [`${p.protocol ?? 'TCP'}/${p.port}`, (p as { nodePort?: number }).nodePort]))
  for (const port of (next.ports ?? []) as { nodePort?: number; port?: number; protocol?: string }[]) {
    port.nodePort ||= byPort.get(`${port.protocol ?? 'TCP'}/${port.port}`)
  }
}

/**
 * Services: DNS-1035 names, kube's defaults, a cluster IP and node ports of their own, an empty
 * load-balancer status (k8s: pkg/registry/core/service/strategy.go and storage/storage.go).
 */
export const serviceStrategy: Strategy = {
  nameRule: 'dns1035',
  applyDefaults: (service) => void defaultService(service),
  prepareForCreate(service, ctx: StoreContext) {
    const spec = service.spec as ServiceSpec
    allocateClusterIp(ctx.serviceNetwork, service, spec)
    allocateNodePorts(ctx.serviceNetwork, service, spec)
    service.status = { loadBalancer: {} }
  },
  prepareForUpdate(current, next, ctx: StoreContext) {
    const spec = next.spec as ServiceSpec
    const before = (current.spec ?? {}) as ServiceSpec
    keepAllocated(before, spec)
    if (before.clusterIP && spec.clusterIP !== before.clusterIP && before.type !== 'ExternalName' && spec.type !== 'ExternalName') {
      throw refuse(next, [invalidCause('spec.clusterIPs[0]', `[]string{${JSON.stringify(spec.clusterIP ?? '')}}`, 'may not change once set')])
    }
    if (!spec.clusterIP) allocateClusterIp(ctx.serviceNetwork, next, spec)
    allocateNodePorts(ctx.serviceNetwork, next, spec)
  },
}

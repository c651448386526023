import type { KubeObject } from '../../api/types.js'
import type { ObjectKey } from '../../storage/storage.js'
import { CommitFedIndex } from '../indexes/commit-fed-index.js'
import { AddressPool, type AllocationFailure } from './address-pool.js'

/** The ranges Services take addresses from (kube-apiserver --service-cluster-ip-range, --service-node-port-range). */
export interface ServiceNetworkOptions {
  /** IPv4 CIDR, e.g. 10.96.0.0/12 */
  clusterIpRange: string
  /** `30000-32767` */
  nodePortRange: string
  nowMs(): number
}

const ipToNumber = (ip: string): number | undefined => {
  const parts = ip.split('.')
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined
  return parts.reduce((n, p) => n * 256 + Number(p), 0)
}
export const numberToIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')

/** The usable addresses of a CIDR: the network and broadcast addresses are never handed out (kube's ipallocator). */
function parseCidr(cidr: string): { first: number; last: number } {
  const [ip = '', bits = ''] = cidr.split('/')
  const base = ipToNumber(ip)
  const prefix = Number(bits)
  if (base === undefined || !/^\d+$/.test(bits) || prefix < 8 || prefix > 30) throw new Error(`invalid service IP range ${JSON.stringify(cidr)}: an IPv4 CIDR from /8 to /30`)
  const size = 2 ** (32 - prefix)
  const network = base - (base % size)
  return { first: network + 1, last: network + size - 2 }
}

function parsePortRange(range: string): { first: number; last: number } {
  const match = /^(\d+)-(\d+)$/.exec(range)
  const [first, last] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN]
  if (!(first >= 1 && last <= 65535 && first <= last)) throw new Error(`invalid node port range ${JSON.stringify(range)}: like 30000-32767`)
  return { first, last }
}

interface ServiceSpecView {
  clusterIPs?: string[]
  ports?: { nodePort?: number }[]
}

/** What a stored Service holds: its cluster IPs in range and its node ports. */
function heldBy(service: KubeObject): { ips: number[]; ports: number[] } {
  const spec = (service.spec ?? {}) as ServiceSpecView
  const ips = (spec.clusterIPs ?? []).map(ipToNumber).filter((n): n is number => n !== undefined)
  const ports = (spec.ports ?? []).map((p) => p.nodePort).filter((p): p is number => typeof p === 'number' && p > 0)
  return { ips, ports }
}

/**
 * Cluster IPs and node ports, each Service's own and unique: kept from the commit stream (every
 * replica sees every commit), handed out by Service creates and updates.
 */
export class ServiceNetwork extends CommitFedIndex {
  readonly clusterIps: AddressPool
  readonly nodePorts: AddressPool
  readonly clusterIpRange: string
  readonly nodePortRange: string
  readonly #held = new Map<string, { ips: number[]; ports: number[] }>()

  constructor(options: ServiceNetworkOptions) {
    super('services')
    const ips = parseCidr(options.clusterIpRange)
    const ports = parsePortRange(options.nodePortRange)
    this.clusterIps = new AddressPool(ips.first, ips.last, options.nowMs)
    this.nodePorts = new AddressPool(ports.first, ports.last, options.nowMs)
    this.clusterIpRange = options.clusterIpRange
    this.nodePortRange = options.nodePortRange
  }

  /** the address of the `kubernetes` Service: the first of the range */
  get firstClusterIp(): string {
    return numberToIp(this.clusterIps.first)
  }

  allocateClusterIp(owner: string, wanted?: string): string | AllocationFailure {
    const wantedNumber = wanted === undefined ? undefined : ipToNumber(wanted)
    if (wanted !== undefined && wantedNumber === undefined) return 'not-in-range'
    const result = this.clusterIps.allocate(owner, wantedNumber)
    return typeof result === 'number' ? numberToIp(result) : result
  }

  /** records what a committed Service holds (nothing, once deleted), freeing what it let go */
  hold(owner: string, service: KubeObject | undefined): void {
    const before = this.#held.get(owner) ?? { ips: [], ports: [] }
    const after = service ? heldBy(service) : { ips: [], ports: [] }
    for (const ip of before.ips) if (!after.ips.includes(ip)) this.clusterIps.release(ip, owner)
    for (const port of before.ports) if (!after.ports.includes(port)) this.nodePorts.release(port, owner)
    for (const ip of after.ips) this.clusterIps.commit(ip, owner)
    for (const port of after.ports) this.nodePorts.commit(port, owner)
    if (service) this.#held.set(owner, after)
    else this.#held.delete(owner)
  }

  protected record(key: ObjectKey, service: KubeObject): void {
    this.hold(`${key.namespace}/${key.name}`, service)
  }

  protected forget(key: ObjectKey): void {
    this.hold(`${key.namespace}/${key.name}`, undefined)
  }
}

import { CelScalar, celFunc, celMethod } from '@bufbuild/cel'
import type { CelLibrary } from './cel-library.js'
import {
  formatIp, ipPredicates, maskedPrefix, parseIp, parsePrefix, prefixContains, type IpAddress, type IpPrefix,
} from './ip-address.js'
import { OpaqueType } from './opaque-values.js'

// kube's ip and cidr libraries (apiserver/pkg/cel/library/ip.go, cidr.go; in the environment
// since 1.30).

const { STRING, INT, BOOL } = CelScalar
const formatPrefix = (p: IpPrefix) => `${formatIp(p.addr)}/${p.bits}`
export const IP = new OpaqueType<IpAddress>('net.IP', formatIp)
export const CIDR = new OpaqueType<IpPrefix>('net.CIDR', formatPrefix)
const I = IP.celType
const C = CIDR.celType

const succeeds = (parse: () => unknown) => {
  try {
    parse()
    return true
  } catch {
    return false
  }
}

const PREDICATES = ['isUnspecified', 'isLoopback', 'isLinkLocalMulticast', 'isLinkLocalUnicast', 'isGlobalUnicast'] as const

export const NET_LIBRARY: CelLibrary = {
  signatures: [
    'ip(string) IP', 'isIP(string) bool', '@ip.isCanonical(string) bool', 'IP.family() int', 'string(IP) string',
    ...PREDICATES.map((p) => `IP.${p}() bool`),
    'cidr(string) CIDR', 'isCIDR(string) bool', 'CIDR.containsIP(string) bool', 'CIDR.containsIP(IP) bool',
    'CIDR.containsCIDR(string) bool', 'CIDR.containsCIDR(CIDR) bool', 'CIDR.ip() IP', 'CIDR.prefixLength() int',
    'CIDR.masked() CIDR', 'string(CIDR) string',
  ],
  funcs: [
    celFunc('ip', [STRING], I, (text) => IP.wrap(parseIp(text)) as never),
    celFunc('isIP', [STRING], BOOL, (text) => succeeds(() => parseIp(text))),
    celFunc('ip.isCanonical', [STRING], BOOL, (text) => formatIp(parseIp(text)) === text),
    celMethod('family', I, [], INT, function () { return IP.expect(this).bytes.length === 4 ? 4n : 6n }),
    celFunc('string', [I], STRING, (ip) => formatIp(IP.expect(ip))),
    ...PREDICATES.map((p) => celMethod(p, I, [], BOOL, function () { return ipPredicates[p](IP.expect(this)) })),
    celFunc('cidr', [STRING], C, (text) => CIDR.wrap(parsePrefix(text)) as never),
    celFunc('isCIDR', [STRING], BOOL, (text) => succeeds(() => parsePrefix(text))),
    celMethod('containsIP', C, [STRING], BOOL, function (text) { return prefixContains(CIDR.expect(this), parseIp(text)) }),
    celMethod('containsIP', C, [I], BOOL, function (ip) { return prefixContains(CIDR.expect(this), IP.expect(ip)) }),
    celMethod('containsCIDR', C, [STRING], BOOL, function (text) { return containsPrefix(CIDR.expect(this), parsePrefix(text)) }),
    celMethod('containsCIDR', C, [C], BOOL, function (other) { return containsPrefix(CIDR.expect(this), CIDR.expect(other)) }),
    celMethod('ip', C, [], I, function () { return IP.wrap(CIDR.expect(this).addr) as never }),
    celMethod('prefixLength', C, [], INT, function () { return BigInt(CIDR.expect(this).bits) }),
    celMethod('masked', C, [], C, function () { return CIDR.wrap(maskedPrefix(CIDR.expect(this))) as never }),
    celFunc('string', [C], STRING, (prefix) => formatPrefix(CIDR.expect(prefix))),
  ],
}

/** cidr.go cidrContainsCIDR: same network at the outer prefix length, and no shorter prefix. */
function containsPrefix(outer: IpPrefix, inner: IpPrefix): boolean {
  return prefixContains(outer, inner.addr) && outer.bits <= inner.bits
}

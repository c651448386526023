// IP addresses and prefixes as Go's net/netip parses and prints them, with the restrictions kube's
// ip and cidr libraries add (apiserver/pkg/cel/library/ip.go, cidr.go): no zones, no
// IPv4-mapped IPv6 addresses.

export interface IpAddress {
  /** 4 bytes for IPv4, 16 for IPv6 */
  readonly bytes: Uint8Array
}

export interface IpPrefix {
  readonly addr: IpAddress
  readonly bits: number
}

function parseIPv4(text: string): Uint8Array | undefined {
  const parts = text.split('.')
  if (parts.length !== 4) return undefined
  const bytes = new Uint8Array(4)
  for (const [i, part] of parts.entries()) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) return undefined
    bytes[i] = Number(part)
  }
  return bytes
}

function parseIPv6(text: string): Uint8Array | undefined {
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const groups = (half: string) => (half === '' ? [] : half.split(':'))
  const head = toWords(groups(halves[0] as string), halves.length === 1)
  const tail = halves.length === 2 ? toWords(groups(halves[1] as string), true) : []
  if (!head || !tail) return undefined
  const missing = 8 - head.length - tail.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined
  const words = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail]
  const bytes = new Uint8Array(16)
  words.forEach((w, i) => {
    bytes[2 * i] = w >> 8
    bytes[2 * i + 1] = w & 0xff
  })
  return bytes
}

/** 16-bit groups; the last may be a dotted IPv4 address (two groups) when `allowV4Last`. */
function toWords(groups: string[], allowV4Last: boolean): number[] | undefined {
  const words: number[] = []
  for (const [i, group] of groups.entries()) {
    if (allowV4Last && i === groups.length - 1 && group.includes('.')) {
      const v4 = parseIPv4(group)
      if (!v4) return undefined
      words.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number))
    } else if (/^[0-9a-fA-F]{1,4}$/.test(group)) words.push(Number.parseInt(group, 16))
    else return undefined
  }
  return words
}

/** netip.ParseAddr with kube's restrictions; throws kube's messages. */
export function parseIp(text: string): IpAddress {
  if (text.includes('%')) throw new Error(`IP address ${JSON.stringify(text)} with zone value is not allowed`)
  const bytes = text.includes(':') ? parseIPv6(text) : parseIPv4(text)
  if (!bytes) throw new Error(`IP Address ${JSON.stringify(text)} parse error during conversion from string: ParseAddr(${JSON.stringify(text)}): unable to parse IP`)
  if (bytes.length === 16 && isV4Mapped(bytes)) throw new Error(`IPv4-mapped IPv6 address ${JSON.stringify(text)} is not allowed`)
  return { bytes }
}

function isV4Mapped(b: Uint8Array): boolean {
  return b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff
}

/** netip.Addr.String: dotted quad, or RFC 5952 (lower case, longest zero run as ::). */
export function formatIp(ip: IpAddress): string {
  const b = ip.bytes
  if (b.length === 4) return [...b].join('.')
  const words = Array.from({ length: 8 }, (_, i) => ((b[2 * i] as number) << 8) | (b[2 * i + 1] as number))
  let bestStart = -1
  let bestLength = 1
  for (let i = 0; i < 8; i++) {
    let j = i
    while (j < 8 && words[j] === 0) j++
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i]
  }
  const hex = words.map((w) => w.toString(16))
  if (bestStart < 0) return hex.join(':')
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`
}

/** netip.ParsePrefix with kube's restrictions; throws kube's messages. */
export function parsePrefix(text: string): IpPrefix {
  const slash = text.lastIndexOf('/')
  const bitsText = text.slice(slash + 1)
  const fail = () => new Error(`network address parse error during conversion from string: netip.ParsePrefix(${JSON.stringify(text)}): bad prefix`)
  if (slash < 0 || !/^(0|[1-9][0-9]*)$/.test(bitsText)) throw fail()
  const addr = parseIp(text.slice(0, slash))
  const bits = Number(bitsText)
  if (bits > addr.bytes.length * 8) throw fail()
  return { addr, bits }
}

export function maskedPrefix(prefix: IpPrefix): IpPrefix {
  const bytes = prefix.addr.bytes.map((byte, i) => {
    const keep = Math.max(0, Math.min(8, prefix.bits - 8 * i))
    return byte & (0xff << (8 - keep)) & 0xff
  })
  return { addr: { bytes }, bits: prefix.bits }
}

export function prefixContains(prefix: IpPrefix, ip: IpAddress): boolean {
  if (ip.bytes.length !== prefix.addr.bytes.length) return false
  return formatIp(maskedPrefix({ addr: ip, bits: prefix.bits }).addr) === formatIp(maskedPrefix(prefix).addr)
}

const inRange = (ip: IpAddress, prefix: string) => prefixContains(parsePrefix(prefix), ip)

/** The netip.Addr predicates kube exposes. */
export const ipPredicates = {
  isUnspecified: (ip: IpAddress) => ip.bytes.every((x) => x === 0),
  isLoopback: (ip: IpAddress) => (ip.bytes.length === 4 ? ip.bytes[0] === 127 : inRange(ip, '::1/128')),
  isLinkLocalMulticast: (ip: IpAddress) => inRange(ip, ip.bytes.length === 4 ? '224.0.0.0/24' : 'ff02::/16'),
  isLinkLocalUnicast: (ip: IpAddress) => inRange(ip, ip.bytes.length === 4 ? '169.254.0.0/16' : 'fe80::/10'),
  isGlobalUnicast(ip: IpAddress): boolean {
    const isV4 = ip.bytes.length === 4
    if (isV4 && ip.bytes.every((x) => x === 255)) return false
    const isMulticast = inRange(ip, isV4 ? '224.0.0.0/4' : 'ff00::/8')
    return !this.isUnspecified(ip) && !this.isLoopback(ip) && !isMulticast && !this.isLinkLocalUnicast(ip)
  },
}

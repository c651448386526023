// The few DER (ITU-T X.690) forms an X.509 certificate is written with, and a reader of one
// constructed element's members: enough to write the cluster's certificates with node:crypto alone.

const lengthOf = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n])
  const bytes: number[] = []
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

/** one element: tag, length, contents */
export const tlv = (tag: number, ...contents: Buffer[]): Buffer => {
  const body = Buffer.concat(contents)
  return Buffer.concat([Buffer.from([tag]), lengthOf(body.length), body])
}

export const sequence = (...members: Buffer[]) => tlv(0x30, ...members)
export const set = (...members: Buffer[]) => tlv(0x31, ...members)
export const boolean = (value: boolean) => tlv(0x01, Buffer.from([value ? 0xff : 0]))
export const octetString = (bytes: Buffer) => tlv(0x04, bytes)
export const utf8String = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'))
/** a context-specific constructed tag ([n] EXPLICIT) */
export const explicit = (n: number, inner: Buffer) => tlv(0xa0 + n, inner)

/** a non-negative INTEGER from its big-endian bytes */
export const unsignedInteger = (bytes: Buffer): Buffer => {
  let start = 0
  while (start < bytes.length - 1 && bytes[start] === 0) start++
  const trimmed = bytes.subarray(start)
  return tlv(0x02, trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed)
}

/** a BIT STRING of whole bytes */
export const bitString = (bytes: Buffer) => tlv(0x03, Buffer.from([0]), bytes)

/** a BIT STRING of named bits (bit 0 is the first byte's high bit), trailing zero bits dropped as DER asks */
export const namedBits = (bitNumbers: readonly number[]): Buffer => {
  const last = Math.max(...bitNumbers)
  const bytes = Buffer.alloc(Math.floor(last / 8) + 1)
  for (const bit of bitNumbers) bytes[Math.floor(bit / 8)]! |= 0x80 >> bit % 8
  return tlv(0x03, Buffer.from([7 - (last % 8)]), bytes)
}

export const objectIdentifier = (dotted: string): Buffer => {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number)
  const bytes = [first * 40 + second]
  for (const arc of rest) {
    const groups = [arc & 0x7f]
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) groups.unshift(0x80 | (value & 0x7f))
    bytes.push(...groups)
  }
  return tlv(0x06, Buffer.from(bytes))
}

/** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 */
export const time = (date: Date): Buffer => {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso))
}

/** the members of the constructed element `der` starts with, each whole (tag, length, contents) */
export function membersOf(der: Buffer): Buffer[] {
  const { start, end } = contentsOf(der, 0)
  const members: Buffer[] = []
  for (let at = start; at < end; ) {
    const member = contentsOf(der, at)
    members.push(der.subarray(at, member.end))
    at = member.end
  }
  return members
}

/** the contents of one element: where they start and end */
export function contentsOf(der: Buffer, at: number): { start: number; end: number } {
  const first = der[at + 1]!
  if (first < 0x80) return { start: at + 2, end: at + 2 + first }
  const count = first & 0x7f
  let length = 0
  for (let i = 0; i < count; i++) length = length * 256 + der[at + 2 + i]!
  return { start: at + 2 + count, end: at + 2 + count + length }
}

import { createHash, sign, X509Certificate, type KeyObject } from 'node:crypto'
import { isIPv4 } from 'node:net'
import { bitString, boolean, contentsOf, explicit, membersOf, namedBits, objectIdentifier, octetString, sequence, set, tlv, time, unsignedInteger, utf8String } from './der.js'

// X.509 v3 certificates (RFC 5280) written with node:crypto alone: ECDSA P-256 keys signed with
// SHA-256. An X.509 library took several hundred milliseconds to load on every first start.

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extendedKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const

/** KeyUsage bit numbers (RFC 5280 4.2.1.3) */
export const KEY_USAGE = { digitalSignature: 0, keyCertSign: 5, cRLSign: 6 } as const

export interface CertificateFields {
  /** positive, big-endian */
  serialNumber: Buffer
  subject: { commonName: string; organizations?: readonly string[] }
  /** the issuer's Name exactly as its certificate encodes it (clients match the bytes); the subject when self-signed */
  issuer?: Buffer
  notBefore: Date
  notAfter: Date
  publicKey: KeyObject
  signingKey: KeyObject
  extensions: Buffer[]
}

const extension = (oid: string, isCritical: boolean, value: Buffer) =>
  sequence(objectIdentifier(oid), ...(isCritical ? [boolean(true)] : []), octetString(value))

const attribute = (oid: string, value: string) => set(sequence(objectIdentifier(oid), utf8String(value)))

export const basicConstraints = (isCa: boolean) => extension(OID.basicConstraints, true, isCa ? sequence(boolean(true)) : sequence())
export const keyUsage = (bits: readonly number[]) => extension(OID.keyUsage, true, namedBits(bits))
export const extendedKeyUsage = (usage: 'server' | 'client') => extension(OID.extendedKeyUsage, false, sequence(objectIdentifier(usage === 'server' ? OID.serverAuth : OID.clientAuth)))
export const subjectKeyIdentifier = (keyId: Buffer) => extension(OID.subjectKeyIdentifier, false, octetString(keyId))
export const authorityKeyIdentifier = (keyId: Buffer) => extension(OID.authorityKeyIdentifier, false, sequence(tlv(0x80, keyId)))

/** dNSName ([2] IA5String) for a host name, iPAddress ([7], 4 or 16 bytes) for an address */
export const subjectAltNames = (names: readonly string[]) =>
  extension(OID.subjectAltName, false, sequence(...names.map((name) => (isIp(name) ? tlv(0x87, ipBytes(name)) : tlv(0x82, Buffer.from(name, 'ascii'))))))

export const isIp = (name: string) => isIPv4(name) || name.includes(':')

function ipBytes(ip: string): Buffer {
  if (isIPv4(ip)) return Buffer.from(ip.split('.').map(Number))
  const [head = '', tail] = ip.split('::')
  const groups = (part: string) => (part ? part.split(':') : [])
  const missing = 8 - groups(head).length - groups(tail ?? '').length
  const all = [...groups(head), ...(tail === undefined ? [] : Array<string>(missing).fill('0')), ...groups(tail ?? '')]
  return Buffer.from(all.flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 0xff]))
}

/** RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits */
export function keyIdentifierOf(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ type: 'spki', format: 'der' })
  const keyBits = membersOf(spki)[1]!
  return createHash('sha1').update(keyBits.subarray(contentsOf(keyBits, 0).start + 1)).digest()
}

/** What a certificate it signs takes from a CA's: its subject Name's bytes and its key identifier. */
export function issuerOf(caCertPem: string): { name: Buffer; keyId: Buffer } {
  const cert = new X509Certificate(caCertPem)
  const tbs = membersOf(membersOf(cert.raw)[0]!)
  const offset = tbs[0]![0] === 0xa0 ? 1 : 0 // the explicit version, present in every v3 certificate
  const extensions = tbs.find((member) => member[0] === 0xa3)
  return { name: tbs[offset + 4]!, keyId: (extensions && subjectKeyIdOf(extensions)) ?? keyIdentifierOf(cert.publicKey) }
}

function subjectKeyIdOf(extensionsTag: Buffer): Buffer | undefined {
  const wanted = objectIdentifier(OID.subjectKeyIdentifier)
  const found = membersOf(membersOf(extensionsTag)[0]!).find((ext) => membersOf(ext)[0]!.equals(wanted))
  if (!found) return undefined
  const outer = membersOf(found).at(-1)! // OCTET STRING holding an OCTET STRING
  const inner = outer.subarray(contentsOf(outer, 0).start)
  return inner.subarray(contentsOf(inner, 0).start, contentsOf(inner, 0).end)
}

/** the certificate, signed and PEM-encoded */
export function writeCertificate(fields: CertificateFields): string {
  const subject = sequence(
    attribute(OID.commonName, fields.subject.commonName),
    ...(fields.subject.organizations ?? []).map((o) => attribute(OID.organization, o)),
  )
  const algorithm = sequence(objectIdentifier(OID.ecdsaWithSha256))
  const tbs = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))),
    unsignedInteger(fields.serialNumber),
    algorithm,
    fields.issuer ?? subject,
    sequence(time(fields.notBefore), time(fields.notAfter)),
    subject,
    fields.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...fields.extensions)),
  )
  const der = sequence(tbs, algorithm, bitString(sign('sha256', tbs, fields.signingKey)))
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`
}

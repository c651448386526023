import { createPrivateKey, randomBytes } from 'node:crypto'
import { generateSigningKeys, type CertificateAuthority } from './certificate-authority.js'
import { authorityKeyIdentifier, basicConstraints, extendedKeyUsage, issuerOf, KEY_USAGE, keyIdentifierOf, keyUsage, subjectAltNames, subjectKeyIdentifier, writeCertificate } from './write-certificate.js'

/** A certificate and its private key, PEM-encoded. */
export interface KeyPair {
  certPem: string
  keyPem: string
}

export interface CertificateRequest {
  commonName: string
  organizations?: readonly string[]
  /** host names and IP addresses a serving certificate answers for */
  subjectAltNames?: readonly string[]
  usage: 'server' | 'client'
  validityMs: number
}

/**
 * A certificate signed by the cluster CA: a serving certificate (serverAuth, with SANs) or a client
 * certificate (clientAuth; kube reads the user from its CommonName and groups from its
 * Organizations). ECDSA P-256 like the CA.
 */
export async function issueCertificate(ca: CertificateAuthority, request: CertificateRequest): Promise<KeyPair> {
  const issuer = issuerOf(ca.certPem)
  const { publicKey, privateKey } = generateSigningKeys()
  const nowMs = Date.now()
  const names = request.subjectAltNames ?? []
  const certPem = writeCertificate({
    // positive, 16 random bytes: unique without a counter, as RFC 5280 asks
    serialNumber: Buffer.concat([Buffer.from([1]), randomBytes(15)]),
    subject: { commonName: request.commonName, ...(request.organizations ? { organizations: request.organizations } : {}) },
    issuer: issuer.name,
    notBefore: new Date(nowMs - 60_000),
    notAfter: new Date(nowMs + request.validityMs),
    publicKey,
    signingKey: createPrivateKey(ca.keyPem),
    extensions: [
      basicConstraints(false),
      keyUsage([KEY_USAGE.digitalSignature]),
      extendedKeyUsage(request.usage),
      ...(names.length ? [subjectAltNames(names)] : []),
      authorityKeyIdentifier(issuer.keyId),
      subjectKeyIdentifier(keyIdentifierOf(publicKey)),
    ],
  })
  return { certPem, keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }
}

import { randomBytes, webcrypto } from 'node:crypto'
import { loadX509, privateKeyPem, SIGNING_ALGORITHM, type CertificateAuthority } from './certificate-authority.js'

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

const isIp = (name: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':')

const pemToDer = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64')

/**
 * A certificate signed by the cluster CA: a serving certificate (serverAuth, with SANs) or a client
 * certificate (clientAuth; kube reads the user from its CommonName and groups from its
 * Organizations). ECDSA P-256 like the CA; the X.509 library is loaded only here, on demand.
 */
export async function issueCertificate(ca: CertificateAuthority, request: CertificateRequest): Promise<KeyPair> {
  const x509 = await loadX509()
  const caCert = new x509.X509Certificate(ca.certPem)
  const caKey = await webcrypto.subtle.importKey('pkcs8', pemToDer(ca.keyPem), SIGNING_ALGORITHM, false, ['sign'])
  const keys = await webcrypto.subtle.generateKey(SIGNING_ALGORITHM, true, ['sign', 'verify'])
  const nowMs = Date.now()
  const usage = request.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth
  const names = (request.subjectAltNames ?? []).map((name) => ({ type: isIp(name) ? ('ip' as const) : ('dns' as const), value: name }))
  const cert = await x509.X509CertificateGenerator.create({
    // positive, 16 random bytes: unique without a counter, as RFC 5280 asks
    serialNumber: '01' + randomBytes(15).toString('hex'),
    subject: [{ CN: [request.commonName] }, ...(request.organizations ?? []).map((o) => ({ O: [o] }))],
    issuer: caCert.subject,
    notBefore: new Date(nowMs - 60_000),
    notAfter: new Date(nowMs + request.validityMs),
    signingAlgorithm: SIGNING_ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([usage], false),
      ...(names.length ? [new x509.SubjectAlternativeNameExtension(names, false)] : []),
      await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey, false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  return { certPem: cert.toString('pem') + '\n', keyPem: await privateKeyPem(keys.privateKey) }
}

import { webcrypto } from 'node:crypto'

/** The cluster's certificate authority, PEM-encoded: it signs serving and client certificates. */
export interface CertificateAuthority {
  certPem: string
  keyPem: string
}

const CA_VALIDITY_MS = 10 * 365 * 24 * 3600 * 1000
// ECDSA P-256: kubectl, client-go, client-node and python's ssl all accept it, and a key takes
// milliseconds where RSA-2048 takes hundreds (a test server makes its CA on every start).
export const SIGNING_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const

// The X.509 library takes most of a second to load: only what makes certificates (a first start, in
// a child process of its own: make-certificates-apart.ts) pays for it.
export async function loadX509(): Promise<typeof import('@peculiar/x509')> {
  const x509 = await import('@peculiar/x509')
  x509.cryptoProvider.set(webcrypto as Crypto)
  return x509
}

const toPem = (label: string, der: ArrayBuffer) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END ${label}-----\n`

export const privateKeyPem = async (key: CryptoKey) => toPem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', key))

/** A new self-signed CA (ECDSA P-256, ten years), made where the X.509 library may be loaded (make-certificates.ts). */
export async function createCa(commonName: string): Promise<CertificateAuthority> {
  const x509 = await loadX509()
  const keys = await webcrypto.subtle.generateKey(SIGNING_ALGORITHM, true, ['sign', 'verify'])
  const now = Date.now()
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: now.toString(16),
    name: `CN=${commonName}`,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + CA_VALIDITY_MS),
    signingAlgorithm: SIGNING_ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  return { certPem: cert.toString('pem') + '\n', keyPem: await privateKeyPem(keys.privateKey) }
}

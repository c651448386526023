import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateKeyPairSync } from 'node:crypto'
import { basicConstraints, KEY_USAGE, keyIdentifierOf, keyUsage, subjectKeyIdentifier, writeCertificate } from './write-certificate.js'

/** The cluster's certificate authority, PEM-encoded: it signs serving and client certificates. */
export interface CertificateAuthority {
  certPem: string
  keyPem: string
}

const CA_CERT_FILE = 'ca.crt'
const CA_KEY_FILE = 'ca.key'
const CA_VALIDITY_MS = 10 * 365 * 24 * 3600 * 1000

/**
 * An ECDSA P-256 key pair: kubectl, client-go, client-node and python's ssl all accept it, and a
 * key takes milliseconds where RSA-2048 takes hundreds (a test server makes its CA on every start).
 */
export const generateSigningKeys = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' })

function createCa(commonName: string): CertificateAuthority {
  const { publicKey, privateKey } = generateSigningKeys()
  const now = Date.now()
  const certPem = writeCertificate({
    serialNumber: Buffer.from(now.toString(16).padStart(12, '0'), 'hex'),
    subject: { commonName },
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + CA_VALIDITY_MS),
    publicKey,
    signingKey: privateKey,
    extensions: [
      basicConstraints(true),
      keyUsage([KEY_USAGE.digitalSignature, KEY_USAGE.keyCertSign, KEY_USAGE.cRLSign]),
      subjectKeyIdentifier(keyIdentifierOf(publicKey)),
    ],
  })
  return { certPem, keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }
}

/**
 * The CA of a data dir: read from `ca.crt` and `ca.key` when they exist, else made on this first
 * start and written there (the key readable by its owner only). Without a data dir it lives in memory.
 */
export async function loadOrCreateCa(dataDir: string | undefined): Promise<CertificateAuthority> {
  if (dataDir && existsSync(join(dataDir, CA_CERT_FILE))) {
    return { certPem: readFileSync(join(dataDir, CA_CERT_FILE), 'utf8'), keyPem: readFileSync(join(dataDir, CA_KEY_FILE), 'utf8') }
  }
  const ca = createCa('watchplane-ca')
  if (dataDir) {
    writeFileSync(join(dataDir, CA_KEY_FILE), ca.keyPem, { mode: 0o600 })
    writeFileSync(join(dataDir, CA_CERT_FILE), ca.certPem)
  }
  return ca
}

import { generateKeyPairSync, X509Certificate } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readCa, writeCa } from './ca-files.js'
import type { CertificateAuthority } from './certificate-authority.js'
import type { CertificateRequest, KeyPair } from './issue-certificate.js'
import { makeCertificatesApart } from './make-certificates-apart.js'

/** Everything TLS and the credentials the server hands out rest on. */
export interface ClusterPki {
  ca: CertificateAuthority
  /** what the server presents */
  serving: KeyPair
  /** the CA bundle client certificates are verified against */
  clientCaPem: string
  /** the CA a client verifies the server with; undefined when the serving certificate was supplied (its issuer is the user's) */
  servingCaPem: string | undefined
  /** the written kubeconfig's user: a cluster admin by its group */
  admin: KeyPair
  /** PKCS#8 PEM of the key ServiceAccount tokens are signed with */
  serviceAccountKeyPem: string
}

export interface PkiOptions {
  /** where the files live; undefined keeps everything in memory */
  dataDir: string | undefined
  /** the serving certificate's names (host names and IP addresses) */
  subjectAltNames: readonly string[]
  /** a serving certificate and key of the user's instead of one the cluster CA signs (kube: --tls-cert-file, --tls-private-key-file) */
  servingFiles?: { certFile: string; keyFile: string } | undefined
  /** more CAs whose client certificates are accepted (kube: --client-ca-file) */
  clientCaFile?: string | undefined
}

// kubeadm's: the admin is kubernetes-admin in system:masters; certificates last a year.
export const ADMIN_USER = 'kubernetes-admin'
export const ADMIN_GROUP = 'system:masters'
const CERTIFICATE_VALIDITY_MS = 365 * 24 * 3600 * 1000
/** a certificate closer than this to its end is issued again at start */
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000

/** A certificate the server keeps in the data dir, and when the one there will do. */
interface WantedCertificate {
  request: CertificateRequest
  isUsable(cert: X509Certificate): boolean
}

/**
 * The cluster's PKI (docs/decisions/0017-tls-and-authentication.md), from the data dir or made on
 * first start: the CA (ca.crt), the serving certificate (apiserver.crt: a year, every name in
 * `subjectAltNames`), the admin's client certificate (admin.crt: kubernetes-admin in
 * system:masters) and the ServiceAccount signing key (sa.key). A certificate not signed by the
 * CA, near its end, or (serving) missing a name is issued again; keys are readable by their owner only.
 * What must be made is made in one go, apart from the server (make-certificates-apart.ts).
 */
export async function loadOrCreatePki(options: PkiOptions): Promise<ClusterPki> {
  const files = new PkiFiles(options.dataDir)
  const existingCa = readCa(options.dataDir)
  const caCert = existingCa && new X509Certificate(existingCa.certPem)
  // Without a CA yet, no certificate there can be current: the new CA signs them all again.
  const isCurrent = (cert: X509Certificate) => !!caCert && cert.verify(caCert.publicKey) && Date.parse(cert.validTo) - Date.now() > RENEW_BEFORE_MS
  const wanted: Record<string, WantedCertificate> = {
    ...(options.servingFiles ? {} : {
      apiserver: {
        request: { commonName: 'kube-apiserver', subjectAltNames: options.subjectAltNames, usage: 'server', validityMs: CERTIFICATE_VALIDITY_MS },
        isUsable: (cert) => isCurrent(cert) && options.subjectAltNames.every((name) => covers(cert, name)),
      },
    }),
    admin: { request: { commonName: ADMIN_USER, organizations: [ADMIN_GROUP], usage: 'client', validityMs: CERTIFICATE_VALIDITY_MS }, isUsable: isCurrent },
  }
  const kept = files.usableKeyPairs(wanted)
  const order = Object.fromEntries(Object.entries(wanted).filter(([name]) => !kept[name]).map(([name, w]) => [name, w.request]))
  const made = !existingCa || Object.keys(order).length ? await makeCertificatesApart({ ca: existingCa, certificates: order }) : undefined
  if (made?.isCaNew && options.dataDir) writeCa(options.dataDir, made.ca)
  for (const [name, pair] of Object.entries(made?.issued ?? {})) files.writeKeyPair(name, pair)
  const ca = made?.ca ?? existingCa!
  const keyPairs = { ...kept, ...made?.issued }
  const serving = options.servingFiles
    ? { certPem: readFileSync(options.servingFiles.certFile, 'utf8'), keyPem: readFileSync(options.servingFiles.keyFile, 'utf8') }
    : keyPairs.apiserver!
  const extraClientCa = options.clientCaFile ? readFileSync(options.clientCaFile, 'utf8') : ''
  return {
    ca, serving, admin: keyPairs.admin!,
    clientCaPem: ca.certPem + extraClientCa,
    servingCaPem: options.servingFiles ? undefined : ca.certPem,
    serviceAccountKeyPem: files.serviceAccountKey(),
  }
}

const covers = (cert: X509Certificate, name: string) =>
  (name.includes(':') || /^[\d.]+$/.test(name) ? cert.checkIP(name) : cert.checkHost(name, { subject: 'never', wildcards: false })) !== undefined

/** The PKI files of one data dir (or none: then nothing is read or written). */
class PkiFiles {
  constructor(private readonly dataDir: string | undefined) {}

  /** the wanted key pairs the data dir holds and that will do, by name */
  usableKeyPairs(wanted: Record<string, WantedCertificate>): Record<string, KeyPair> {
    const usable: Record<string, KeyPair> = {}
    for (const [name, { isUsable }] of Object.entries(wanted)) {
      const existing = this.#read(`${name}.crt`, `${name}.key`)
      if (existing && isUsable(new X509Certificate(existing.certPem))) usable[name] = existing
    }
    return usable
  }

  writeKeyPair(name: string, pair: KeyPair): void {
    this.#write(`${name}.key`, pair.keyPem, 0o600)
    this.#write(`${name}.crt`, pair.certPem, 0o644)
  }

  serviceAccountKey(): string {
    const existing = this.dataDir && existsSync(join(this.dataDir, 'sa.key')) ? readFileSync(join(this.dataDir, 'sa.key'), 'utf8') : undefined
    if (existing) return existing
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    this.#write('sa.key', pem, 0o600)
    return pem
  }

  #read(certFile: string, keyFile: string): KeyPair | undefined {
    if (!this.dataDir || !existsSync(join(this.dataDir, certFile)) || !existsSync(join(this.dataDir, keyFile))) return undefined
    return { certPem: readFileSync(join(this.dataDir, certFile), 'utf8'), keyPem: readFileSync(join(this.dataDir, keyFile), 'utf8') }
  }

  #write(file: string, text: string, mode: number): void {
    if (this.dataDir) writeFileSync(join(this.dataDir, file), text, { mode })
  }
}

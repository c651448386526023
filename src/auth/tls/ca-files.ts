import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CertificateAuthority } from './certificate-authority.js'

// Apart from certificate-authority.ts, which makes CAs: the server reads and writes the files, and
// only the certificate maker's child process (make-certificates-apart.ts) makes one.
export const CA_CERT_FILE = 'ca.crt'
const CA_KEY_FILE = 'ca.key'

/** The CA of a data dir, from `ca.crt` and `ca.key`; undefined when there is none yet (or no data dir). */
export function readCa(dataDir: string | undefined): CertificateAuthority | undefined {
  if (!dataDir || !existsSync(join(dataDir, CA_CERT_FILE))) return undefined
  return { certPem: readFileSync(join(dataDir, CA_CERT_FILE), 'utf8'), keyPem: readFileSync(join(dataDir, CA_KEY_FILE), 'utf8') }
}

/** Keeps a CA made on this first start in the data dir, its key readable by its owner only. */
export function writeCa(dataDir: string, ca: CertificateAuthority): void {
  writeFileSync(join(dataDir, CA_KEY_FILE), ca.keyPem, { mode: 0o600 })
  writeFileSync(join(dataDir, CA_CERT_FILE), ca.certPem)
}

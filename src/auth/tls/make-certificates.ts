import { createCa, type CertificateAuthority } from './certificate-authority.js'
import { issueCertificate, type CertificateRequest, type KeyPair } from './issue-certificate.js'

/** What a start needs made: the CA when there is none yet, and the certificates it lacks (by file name). */
export interface CertificateOrder {
  /** the data dir's CA; absent: a new one is made first, and signs everything ordered */
  ca?: CertificateAuthority | undefined
  certificates: Record<string, CertificateRequest>
}

export interface MadeCertificates {
  ca: CertificateAuthority
  isCaNew: boolean
  issued: Record<string, KeyPair>
}

export const CA_COMMON_NAME = 'watchplane-ca'

/**
 * Makes an order's CA and certificates with the X.509 library (loaded here); plain data in, plain
 * data out. `newCa` gives the CA to use when the order has none (one made ahead, while waiting).
 */
export async function makeCertificates(order: CertificateOrder, newCa = () => createCa(CA_COMMON_NAME)): Promise<MadeCertificates> {
  const ca = order.ca ?? (await newCa())
  const issued: Record<string, KeyPair> = {}
  for (const [name, request] of Object.entries(order.certificates)) issued[name] = await issueCertificate(ca, request)
  return { ca, isCaNew: order.ca === undefined, issued }
}

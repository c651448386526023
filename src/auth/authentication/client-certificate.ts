import { authenticatedAs, NO_CREDENTIALS, refused, type Authentication } from './authentication.js'

/** A TLS client certificate as the handshake left it. */
export interface ClientCertificate {
  /** the handshake verified its chain to the client CA, and its dates */
  isVerified: boolean
  /** why not, when it is not (OpenSSL's reason) */
  verifyError?: string
  commonName: string
  organizations: readonly string[]
  /** the extended key usages' OIDs; undefined when the certificate restricts none */
  extendedKeyUsages?: readonly string[]
}

const CLIENT_AUTH_USAGE = '1.3.6.1.5.5.7.3.2'

/**
 * kube's x509 request authenticator (k8s: staging/apiserver/pkg/authentication/request/x509/x509.go):
 * a certificate verified against the client CA and valid for client authentication is the user
 * named by its CommonName, in the groups its Organizations name; one without a CommonName is no
 * user at all; one that does not verify is refused.
 */
export function authenticateCertificate(certificate: ClientCertificate | undefined): Authentication {
  if (!certificate) return NO_CREDENTIALS
  if (!certificate.isVerified) return refused(`verifying certificate failed: ${certificate.verifyError ?? 'unknown authority'}`)
  const usages = certificate.extendedKeyUsages
  if (usages && !usages.includes(CLIENT_AUTH_USAGE)) return refused('verifying certificate failed: x509: certificate specifies an incompatible key usage')
  if (!certificate.commonName) return NO_CREDENTIALS
  return authenticatedAs({ name: certificate.commonName, groups: [...certificate.organizations] })
}

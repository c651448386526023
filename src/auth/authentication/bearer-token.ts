/**
 * The token of an `Authorization: Bearer <token>` header, as kube's bearertoken authenticator reads
 * it (k8s: staging/apiserver/pkg/authentication/request/bearertoken/bearertoken.go): the scheme in
 * any case, the token the second space-separated part; anything else carries no token.
 */
export function bearerTokenOf(header: string | undefined): string | undefined {
  const value = header?.trim()
  if (!value) return undefined
  const parts = value.split(' ')
  if (parts.length < 2 || parts[0]!.toLowerCase() !== 'bearer') return undefined
  return parts[1] || undefined
}

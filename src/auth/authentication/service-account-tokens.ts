import { createHash, createPrivateKey, createPublicKey, randomUUID, type KeyObject } from 'node:crypto'
import type { UserInfo } from '../user-info.js'
import { serviceAccountGroups, serviceAccountUsername } from '../well-known-users.js'
import { then, type MaybePromise } from '../../api/maybe-promise.js'
import { authenticatedAs, NO_CREDENTIALS, refused, type Authentication, type TokenAuthenticator } from './authentication.js'
import { VerifiedTokens, type VerifiedToken } from './verified-tokens.js'

/** The objects a token can be bound to; each is looked up again on every use. */
export type BoundKind = 'ServiceAccount' | 'Pod' | 'Secret'

/** Whether an object still exists, and with which uid (undefined when gone or being deleted). */
export type BoundObjectLookup = (kind: BoundKind, namespace: string, name: string) => MaybePromise<string | undefined>

export interface ObjectRef {
  name: string
  uid: string
}

/** What a TokenRequest asks for, resolved: the ServiceAccount as it is now, and the object to bind to. */
export interface TokenRequestClaims {
  namespace: string
  serviceAccount: ObjectRef
  audiences: readonly string[]
  expirationSeconds: number
  boundObject?: ObjectRef & { kind: 'Pod' | 'Secret' }
}

/** The private claims kube puts in a ServiceAccount token (k8s: pkg/serviceaccount/claims.go). */
interface KubernetesClaims {
  namespace: string
  serviceaccount: ObjectRef
  pod?: ObjectRef
  secret?: ObjectRef
}

// kube-apiserver's pkg/serviceaccount: extra keys on a ServiceAccount user.
const POD_NAME_KEY = 'authentication.kubernetes.io/pod-name'
const POD_UID_KEY = 'authentication.kubernetes.io/pod-uid'
const CREDENTIAL_ID_KEY = 'authentication.kubernetes.io/credential-id'
/** things deleted less than this long ago still count (jwt.DefaultLeeway) */
export const DELETION_LEEWAY_MS = 60_000

export interface ServiceAccountTokenOptions {
  /** PKCS#8 PEM of the ECDSA P-256 signing key */
  signingKeyPem: string
  /** `iss` of the tokens issued, and the only one accepted (kube: --service-account-issuer) */
  issuer: string
  /** audiences a token must name one of, and that a TokenRequest naming none gets (kube: --api-audiences) */
  apiAudiences: readonly string[]
  lookup: BoundObjectLookup
}

/**
 * ServiceAccount tokens as kube-apiserver issues and checks them (k8s: pkg/serviceaccount/jwt.go,
 * claims.go): ES256 JWTs whose key id is the SHA-256 of the public key, naming the ServiceAccount
 * (and a Pod or Secret) by name and uid. A token is valid while it has not expired and each object
 * it names still exists with that uid: a deleted and recreated ServiceAccount's old tokens fail.
 * A verified signature is remembered (VerifiedTokens), so a token seen before costs map lookups.
 */
// jose is loaded with the first ServiceAccount token issued or shown, not on every start (about 50 ms).
const loadJose = () => import('jose')

export class ServiceAccountTokens implements TokenAuthenticator {
  readonly #privateKey: KeyObject
  readonly #publicKey: KeyObject
  readonly #keyId: string
  readonly #verified = new VerifiedTokens<KubernetesClaims>()

  constructor(private readonly options: ServiceAccountTokenOptions) {
    this.#privateKey = createPrivateKey(options.signingKeyPem)
    this.#publicKey = createPublicKey(this.#privateKey)
    this.#keyId = createHash('sha256').update(this.#publicKey.export({ type: 'spki', format: 'der' })).digest('base64url')
  }

  get apiAudiences(): readonly string[] {
    return this.options.apiAudiences
  }

  async issue(request: TokenRequestClaims): Promise<{ token: string; expiresAtMs: number }> {
    const nowSeconds = Math.floor(Date.now() / 1000)
    const expiresAtSeconds = nowSeconds + request.expirationSeconds
    const bound = request.boundObject
    const kubernetes: KubernetesClaims = {
      namespace: request.namespace,
      serviceaccount: request.serviceAccount,
      ...(bound ? { [bound.kind === 'Pod' ? 'pod' : 'secret']: { name: bound.name, uid: bound.uid } } : {}),
    }
    const { SignJWT } = await loadJose()
    const token = await new SignJWT({ 'kubernetes.io': kubernetes })
      .setProtectedHeader({ alg: 'ES256', kid: this.#keyId })
      .setIssuer(this.options.issuer)
      .setSubject(serviceAccountUsername(request.namespace, request.serviceAccount.name))
      .setAudience([...request.audiences])
      .setIssuedAt(nowSeconds)
      .setNotBefore(nowSeconds)
      .setExpirationTime(expiresAtSeconds)
      .setJti(randomUUID())
      .sign(this.#privateKey)
    return { token, expiresAtMs: expiresAtSeconds * 1000 }
  }

  authenticateToken(token: string): MaybePromise<Authentication> {
    const known = this.#verified.get(token)
    if (known && Date.now() >= known.expiresAtMs) this.#verified.forget(token)
    if (known) return this.#validate(known)
    if (!this.#hasOurIssuer(token)) return NO_CREDENTIALS
    return this.#verify(token).then((verified) => (verified.type === 'verified' ? this.#validate(verified) : verified))
  }

  /** kube's hasCorrectIssuer: a JWT of another issuer is another authenticator's, not a bad token */
  #hasOurIssuer(token: string): boolean {
    const parts = token.split('.')
    if (parts.length !== 3 || token.trimStart().startsWith('{')) return false
    try {
      return (JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { iss?: unknown }).iss === this.options.issuer
    } catch {
      return false
    }
  }

  async #verify(token: string): Promise<VerifiedToken<KubernetesClaims> | Authentication> {
    try {
      const { jwtVerify } = await loadJose()
      const { payload } = await jwtVerify(token, this.#publicKey, {
        issuer: this.options.issuer, audience: [...this.options.apiAudiences], algorithms: ['ES256'], clockTolerance: 0,
      })
      const claims = payload['kubernetes.io'] as KubernetesClaims | undefined
      if (!claims?.serviceaccount?.name || !claims.namespace) return refused('service account token has no kubernetes.io claims')
      return this.#verified.remember(token, { claims, jti: payload.jti, notBeforeMs: (payload.nbf ?? 0) * 1000, expiresAtMs: (payload.exp ?? 0) * 1000 })
    } catch (error) {
      return refused(`service account token: ${(error as Error).message}`)
    }
  }

  /** claims.go Validate: still in its lifetime, and every object it names still there with its uid */
  #validate(verified: VerifiedToken<KubernetesClaims>): MaybePromise<Authentication> {
    const nowMs = Date.now()
    if (nowMs >= verified.expiresAtMs) return refused('service account token has expired')
    if (nowMs < verified.notBeforeMs) return refused('service account token is not valid yet')
    const { claims } = verified
    const checks: [BoundKind, ObjectRef | undefined][] = [['ServiceAccount', claims.serviceaccount], ['Pod', claims.pod], ['Secret', claims.secret]]
    // the user is the same for every use of the token: built once, so what is cached per user object finds it again
    return then(this.#checkAll(claims.namespace, checks), (failure) => failure ?? authenticatedAs((verified.user ??= userOf(verified))))
  }

  #checkAll(namespace: string, checks: [BoundKind, ObjectRef | undefined][]): MaybePromise<Authentication | undefined> {
    const [first, ...rest] = checks
    if (!first) return undefined
    const [kind, ref] = first
    if (!ref) return this.#checkAll(namespace, rest)
    return then(this.options.lookup(kind, namespace, ref.name), (uid) => {
      if (uid === undefined) return refused(`${kind} ${namespace}/${ref.name} of the token has been deleted`)
      if (uid !== ref.uid) return refused(`${kind} UID (${uid}) does not match the token's claim (${ref.uid})`)
      return this.#checkAll(namespace, rest)
    })
  }
}

/** The ServiceAccount user a token's claims name (serviceaccount.ServiceAccountInfo.UserInfo). */
function userOf({ claims, jti }: VerifiedToken<KubernetesClaims>): UserInfo {
  return {
    name: serviceAccountUsername(claims.namespace, claims.serviceaccount.name),
    uid: claims.serviceaccount.uid,
    groups: serviceAccountGroups(claims.namespace),
    extra: {
      ...(claims.pod ? { [POD_NAME_KEY]: [claims.pod.name], [POD_UID_KEY]: [claims.pod.uid] } : {}),
      ...(jti ? { [CREDENTIAL_ID_KEY]: [`JTI=${jti}`] } : {}),
    },
  }
}

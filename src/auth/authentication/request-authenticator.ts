import { matchesPath } from '../public-paths.js'
import type { UserInfo } from '../user-info.js'
import { ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, ANONYMOUS } from '../well-known-users.js'
import { then, type MaybePromise } from '../../api/maybe-promise.js'
import { NO_CREDENTIALS, type Authentication, type TokenAuthenticator } from './authentication.js'
import { bearerTokenOf } from './bearer-token.js'
import { authenticateCertificate, type ClientCertificate } from './client-certificate.js'
import { websocketBearer } from './websocket-protocol.js'

/** What a request carries that can say who sent it. */
export interface RequestCredentials {
  clientCertificate?: ClientCertificate | undefined
  /** the Authorization header */
  authorization?: string | undefined
  /** the Sec-WebSocket-Protocol header of a WebSocket upgrade */
  websocketProtocols?: string | undefined
  /** the URL path: anonymous access may be open on some paths only */
  path: string
}

/** Who may be nobody (kube: --anonymous-auth, and AuthenticationConfiguration's anonymous conditions). */
export interface AnonymousPolicy {
  /** requests without credentials run as system:anonymous everywhere; else they get 401 */
  isEnabled: boolean
  /** paths served to anonymous requests even so (an entry ending in `*` is a prefix) */
  openPaths: readonly string[]
  /** groups the anonymous user gets besides system:unauthenticated */
  extraGroups: readonly string[]
}

export type RequestAuthentication = { user: UserInfo } | { failure: string }

/**
 * kube-apiserver's authenticator chain (k8s: pkg/kubeapiserver/authenticator/config.go): a client
 * certificate, then a bearer token (header, or the WebSocket subprotocol) checked by each token
 * authenticator in turn; the first user wins (request/union/union.go). Every authenticated user
 * gets system:authenticated (group.AuthenticatedGroupAdder). With no credentials at all, anonymous
 * access (request/anonymous/anonymous.go), where allowed; credentials that fail are never anonymous
 * (union.NewFailOnError): 401.
 */
export class RequestAuthenticator {
  // The same credentials come back as the same objects (a connection's certificate, a token file's
  // entry, a verified ServiceAccount token's user), so what follows from them is built once per
  // object, not per request; and RBAC's per-user cache then finds the user it saw before by identity.
  // No result is kept for a time, unlike kube's 10 s token cache (pkg/kubeapiserver/authenticator/
  // config.go tokencache.New): each request still asks every authenticator, so a revoked token stops at once.
  readonly #certificates = new WeakMap<ClientCertificate, Authentication>()
  readonly #authenticatedUsers = new WeakMap<UserInfo, UserInfo>()
  readonly #anonymousUser: UserInfo

  constructor(private readonly options: { tokens: readonly TokenAuthenticator[]; anonymous: AnonymousPolicy }) {
    this.#anonymousUser = { name: ANONYMOUS, groups: [ALL_UNAUTHENTICATED, ...options.anonymous.extraGroups] }
  }

  authenticate(credentials: RequestCredentials): MaybePromise<RequestAuthentication> {
    const byCertificate = this.#byCertificate(credentials.clientCertificate)
    if (byCertificate.type === 'user') return { user: this.#authenticated(byCertificate.user) }
    const failures = byCertificate.type === 'failed' ? [byCertificate.reason] : []
    const tokens = tokensOf(credentials, failures)
    return then(this.#firstUser(tokens, failures), (user) => {
      if (user) return { user: this.#authenticated(user) }
      if (failures.length > 0) return { failure: failures.join('; ') }
      const { anonymous } = this.options
      if (!anonymous.isEnabled && !matchesPath(anonymous.openPaths, credentials.path)) return { failure: 'no credentials' }
      return { user: this.#anonymousUser }
    })
  }

  #byCertificate(certificate: ClientCertificate | undefined): Authentication {
    if (!certificate) return NO_CREDENTIALS
    let known = this.#certificates.get(certificate)
    if (!known) this.#certificates.set(certificate, (known = authenticateCertificate(certificate)))
    return known
  }

  #authenticated(user: UserInfo): UserInfo {
    let known = this.#authenticatedUsers.get(user)
    if (!known) this.#authenticatedUsers.set(user, (known = withAuthenticatedGroup(user)))
    return known
  }

  /** each token through each token authenticator in turn; a token none of them knows is invalid */
  #firstUser(tokens: readonly string[], failures: string[], at = 0): MaybePromise<UserInfo | undefined> {
    const count = this.options.tokens.length
    const token = tokens[Math.floor(at / Math.max(count, 1))]
    if (token === undefined) return undefined
    if (count === 0) {
      failures.push('invalid bearer token')
      return this.#firstUser(tokens, failures, at + 1)
    }
    const authenticator = this.options.tokens[at % count]!
    return then(authenticator.authenticateToken(token), (result) => {
      if (result.type === 'user') return result.user
      if (result.type === 'failed') failures.push(result.reason)
      if ((at + 1) % count === 0 && result.type === 'none') failures.push('invalid bearer token')
      return this.#firstUser(tokens, failures, at + 1)
    })
  }
}

/** The bearer tokens offered: the Authorization header's, then a WebSocket subprotocol's. */
function tokensOf(credentials: RequestCredentials, failures: string[]): string[] {
  const tokens: string[] = []
  const header = bearerTokenOf(credentials.authorization)
  if (header !== undefined) tokens.push(header)
  const offered = websocketBearer(credentials.websocketProtocols)
  if (offered && 'error' in offered) failures.push(offered.error)
  else if (offered) tokens.push(offered.token)
  return tokens
}

/** group.AuthenticatedGroupAdder: system:authenticated, unless the user says otherwise or is anonymous */
function withAuthenticatedGroup(user: UserInfo): UserInfo {
  const isMarked = user.groups.includes(ALL_AUTHENTICATED) || user.groups.includes(ALL_UNAUTHENTICATED)
  if (isMarked || user.name === ANONYMOUS) return user
  return { ...user, groups: [...user.groups, ALL_AUTHENTICATED] }
}

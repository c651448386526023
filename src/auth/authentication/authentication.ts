import type { MaybePromise } from '../../api/maybe-promise.js'
import type { UserInfo } from '../user-info.js'

/** What one authenticator made of a request: a user, nothing to go on, or credentials it refuses. */
export type Authentication =
  | { type: 'user'; user: UserInfo }
  | { type: 'none' }
  | { type: 'failed'; reason: string }

export const NO_CREDENTIALS: Authentication = Object.freeze({ type: 'none' })
export const authenticatedAs = (user: UserInfo): Authentication => ({ type: 'user', user })
export const refused = (reason: string): Authentication => ({ type: 'failed', reason })

/**
 * Checks a bearer token (kube's authenticator.Token): the user it stands for, `none` when the token
 * is not this authenticator's kind, `failed` when it is but is not valid.
 */
export interface TokenAuthenticator {
  authenticateToken(token: string): MaybePromise<Authentication>
}

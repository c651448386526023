import type { UserInfo } from '../user-info.js'

/** A token whose signature checked out once, with what it claims. */
export interface VerifiedToken<Claims> {
  type: 'verified'
  claims: Claims
  jti?: string | undefined
  notBeforeMs: number
  expiresAtMs: number
  /** the user its claims name, built at its first valid use: the same object on every later one */
  user?: UserInfo
}

const MAX_REMEMBERED = 4096

/**
 * Tokens whose signature was verified, so that the next request with one costs a map lookup
 * instead of an ECDSA verification. Only the signature is remembered: lifetime and the objects the
 * token names are checked on every use, and an expired token is forgotten when next shown.
 * Bounded: the oldest is forgotten first.
 */
export class VerifiedTokens<Claims> {
  readonly #tokens = new Map<string, VerifiedToken<Claims>>()

  get(token: string): VerifiedToken<Claims> | undefined {
    return this.#tokens.get(token)
  }

  forget(token: string): void {
    this.#tokens.delete(token)
  }

  remember(token: string, verified: Omit<VerifiedToken<Claims>, 'type'>): VerifiedToken<Claims> {
    if (this.#tokens.size >= MAX_REMEMBERED) this.#tokens.delete(this.#tokens.keys().next().value!)
    const entry: VerifiedToken<Claims> = { type: 'verified', ...verified }
    this.#tokens.set(token, entry)
    return entry
  }
}

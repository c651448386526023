import type { ApiError } from '../api/errors.js'
import type { AuthorizationAttributes, Authorizer } from './authorization-attributes.js'
import { forbiddenError } from './forbidden-error.js'

/** An authorizer whose answers can change, and that says when. */
export interface ChangingAuthorizer extends Authorizer {
  onChange(listener: () => void): () => void
}

interface Registration {
  readonly attributes: AuthorizationAttributes
  readonly onRevoked: (error: ApiError) => void
}

/**
 * Open watches and what each was allowed to do. Nothing is checked per event: when a role or
 * binding changes, every open watch is judged again, once, for all changes of that turn of the
 * event loop, and each that is no longer allowed hears why (the 403 kube would give a new
 * request) and is forgotten. kube-apiserver does not do this (a watch outlives its permission
 * until it times out); watchplane ends it, with an ERROR event carrying that 403, then closes.
 */
export class WatchAuthorization {
  readonly #open = new Set<Registration>()
  readonly #unsubscribe: () => void
  #isRecheckQueued = false

  constructor(
    private readonly authorizer: ChangingAuthorizer,
    /** a revocation callback that threw; the other watches are still judged */
    private readonly onError: (error: unknown) => void,
  ) {
    this.#unsubscribe = authorizer.onChange(() => this.#queueRecheck())
  }

  /** watches being followed */
  get size(): number {
    return this.#open.size
  }

  /**
   * Follows one watch, started after `attributes` were allowed. `onRevoked` is called at most
   * once, with the error to end the watch with. Returns the release to call when the watch ends.
   */
  watch(attributes: AuthorizationAttributes, onRevoked: (error: ApiError) => void): () => void {
    const registration: Registration = { attributes, onRevoked }
    this.#open.add(registration)
    return () => this.#open.delete(registration)
  }

  /** stops following changes; open watches are left as they are */
  close(): void {
    this.#unsubscribe()
    this.#open.clear()
  }

  #queueRecheck(): void {
    if (this.#isRecheckQueued) return
    this.#isRecheckQueued = true
    setImmediate(() => {
      this.#isRecheckQueued = false
      this.#recheck()
    })
  }

  #recheck(): void {
    for (const registration of [...this.#open]) {
      const decision = this.authorizer.authorize(registration.attributes)
      if (decision.allowed) continue
      this.#open.delete(registration)
      try {
        registration.onRevoked(forbiddenError(registration.attributes, decision.reason))
      } catch (error) {
        this.onError(error)
      }
    }
  }
}

import type { KubeObject, StatusCause } from '../api/types.js'
import type { StoreContext } from './store-context.js'

/** What a kind does differently from the generic store (k8s rest.RESTCreateStrategy and friends). */
export interface Strategy {
  /** resets or fills fields on create (status, defaults, allocated values) */
  prepareForCreate?(object: KubeObject, ctx: StoreContext): void
  /** adjusts an update's next state (defaults, values carried over from the current state) */
  prepareForUpdate?(current: KubeObject, next: KubeObject, ctx: StoreContext): void
  /** field causes for an invalid object; empty when valid */
  validate?(object: KubeObject): StatusCause[]
  /** refuses a delete before anything is read (namespaces: the immortal ones answer 403) */
  checkDelete?(name: string): void
  /**
   * the kind always outlives its delete request, finalizers or not (namespaces stay Terminating
   * until emptied); called on the object being marked, to set what the kind shows meanwhile
   */
  beginDeletion?(object: KubeObject): void
  /** delete answers the object (pods) rather than a Status (most kinds) */
  returnsDeletedObject?: boolean
  /** name rule for metadata.name */
  nameRule?: 'subdomain' | 'label' | 'dns1035'
}

/** A kind with no behaviour of its own. */
export const GENERIC_STRATEGY: Strategy = Object.freeze({})

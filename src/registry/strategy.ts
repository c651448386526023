import type { KubeObject, StatusCause } from '../api/types.js'

/** What a kind does differently from the generic store (k8s rest.RESTCreateStrategy and friends). */
export interface Strategy {
  /** resets or fills fields on create (status, defaults) */
  prepareForCreate?(object: KubeObject): void
  /** field causes for an invalid object; empty when valid */
  validate?(object: KubeObject): StatusCause[]
  /** delete answers the object (pods) rather than a Status (most kinds) */
  returnsDeletedObject?: boolean
  /** name rule for metadata.name */
  nameRule?: 'subdomain' | 'label' | 'dns1035'
}

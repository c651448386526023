import type { KubeObject } from '../api/types.js'
import type { RbacAuthorizer } from '../auth/rbac/rbac-authorizer.js'
import type { StorageReader, StorageWriter } from '../storage/storage.js'
import type { NamespaceIndex } from './namespaces/namespace-index.js'
import type { ResourceDefinition } from './resource-definition.js'
import type { TypeDescription } from './type-description/type-description.js'
import type { FieldValidation } from './request-scope.js'
import type { ServiceNetwork } from './services/service-network.js'
import type { ServiceAccountIndex } from './serviceaccounts/service-account-index.js'
import type { TokenIssuer } from './verbs/create-token.js'

/** Checks a decoded object against its kind's schema; throws 400/422, or pushes kube-style warnings. */
export type ObjectValidator = (request: {
  definition: ResourceDefinition
  object: KubeObject
  /** the body's JSON text, so duplicate fields can be found; absent for patches */
  json?: string
  mode: FieldValidation
  warnings: string[]
}) => void

/** What every registry verb works with. */
export interface StoreContext {
  storage: StorageReader
  /** absent on a read-only server (`serve --as-of` opens its data dir read-only): writes are then 405 */
  writer?: StorageWriter
  validateObject: ObjectValidator
  /**
   * the type of a kind's objects (or of the Scale view: `{ schemaName }` alone), which strategic
   * merge patch and server-side apply both read; the one place a kind's schema is looked up
   */
  typeDescriptionFor(definition: Pick<ResourceDefinition, 'schemaName'>): TypeDescription
  nowMs(): number
  /** namespace existence and phase, kept from the commit stream */
  namespaces: Pick<NamespaceIndex, 'phaseOf'>
  /** the cluster IPs and node ports Services hold */
  serviceNetwork: ServiceNetwork
  /** every ServiceAccount, kept from the commit stream (pod admission reads its automount setting) */
  serviceAccounts: Pick<ServiceAccountIndex, 'find'>
  /** signs ServiceAccount tokens (serviceaccounts/token); absent, TokenRequests get 405 */
  tokenIssuer?: TokenIssuer
  /** RBAC over the roles and bindings in memory: escalation checks and the access reviews ask it */
  authorizer: RbacAuthorizer
}

let lastSecond = NaN
let lastTimestamp = ''

/** kube's timestamps: RFC 3339, whole seconds, UTC. Every write stamps one, mostly in the same second as the last. */
export function toTimestamp(ms: number): string {
  const second = Math.floor(ms / 1000)
  if (second !== lastSecond) {
    lastTimestamp = new Date(second * 1000).toISOString().replace('.000Z', 'Z')
    lastSecond = second
  }
  return lastTimestamp
}

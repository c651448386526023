import type { KubeObject, StatusCause } from '../api/types.js'
import type { NameRule } from './object-names.js'
import type { RequestScope } from './request-scope.js'
import type { StoreContext } from './store-context.js'
import type { FieldValidation } from './validation/field-validation.js'

/** A decoded request body, to be judged the way kube's decoder judges it. */
export interface DecodedObjectCheck {
  object: KubeObject
  /** the body's JSON text, when it was JSON */
  json?: string
  mode: FieldValidation
  /** kube-style warnings collected for the response */
  warnings: string[]
}

/** A create or update as a check of who asks for it sees it, before it is validated. */
export interface RequestedWrite {
  /** the object about to be stored */
  object: KubeObject
  /** the stored object an update replaces; undefined on create */
  current?: KubeObject
  scope: RequestScope
  ctx: StoreContext
}

/** What a kind does differently from the generic store (k8s rest.RESTCreateStrategy and friends). */
export interface Strategy {
  /**
   * fills what kube's SetDefaults_<Kind> functions fill when a request body is decoded, on create
   * and update alike (k8s: pkg/apis/<group>/v1/defaults.go)
   */
  applyDefaults?(object: KubeObject): void
  /**
   * what kube-apiserver's default mutating admission plugins change in a new object (pods: their
   * service account token, priority, tolerations); runs after the defaults, before prepareForCreate
   */
  admit?(object: KubeObject, ctx: StoreContext): Promise<void>
  /**
   * loads what this kind's validation needs before any write of it is validated (CRDs and custom
   * resources with x-kubernetes-validations: the CEL compiler); undefined when nothing is to wait for
   */
  prepareWrite?(): Promise<void> | undefined
  /** resets or fills fields on create (status, allocated values) */
  prepareForCreate?(object: KubeObject, ctx: StoreContext): void
  /** adjusts an update's next state (values carried over from the current state, allocations) */
  prepareForUpdate?(current: KubeObject, next: KubeObject, ctx: StoreContext): void
  /**
   * refuses a create or update by who asks for it, before validation, as kube's policy-based
   * storages do (RBAC kinds: escalation prevention); throws the refusal
   */
  checkRequester?(write: RequestedWrite): void
  /**
   * kinds that store nothing (kube's virtual resources: the access reviews) answer a create with
   * this object, computed from the request; nothing is validated, stored or published
   */
  answerCreate?(write: RequestedWrite): KubeObject
  /**
   * kinds kube decodes without a Go type (custom resources): judges a decoded body (unknown fields
   * under `fieldValidation`, wrongly typed metadata) in place of the schema catalog's Go-type check
   */
  checkDecoded?(check: DecodedObjectCheck): void
  /** field causes for an invalid object; empty when valid. `current` is given on update (ratcheting, transition rules) */
  validate?(object: KubeObject, current?: KubeObject): StatusCause[]
  /** field causes for changing `current` into `next` (immutable fields); empty when allowed */
  validateUpdate?(next: KubeObject, current: KubeObject): StatusCause[]
  /** refuses a delete before anything is read (namespaces: the immortal ones answer 403) */
  checkDelete?(name: string): void
  /**
   * the kind always outlives its delete request, finalizers or not (namespaces stay Terminating
   * until emptied); called on the object being marked, to set what the kind shows meanwhile
   */
  beginDeletion?(object: KubeObject): void
  /** delete answers the object (pods) rather than a Status (most kinds) */
  returnsDeletedObject?: boolean
  /**
   * false for kinds whose kube strategy never sets metadata.generation (ConfigMap, Secret, Pod in
   * 1.32, Service, …): they show none. Left out, the kind starts at 1 and counts spec changes.
   */
  hasGeneration?: boolean
  /** name rule for metadata.name */
  nameRule?: NameRule
}

/** A kind with no behaviour of its own. */
export const GENERIC_STRATEGY: Strategy = Object.freeze({})

import type { KubeObject } from '../../api/types.js'
import type { Strategy } from '../strategy.js'
import { loadValidationRules } from './cel/validation-rules-loader.js'
import { applyCrdDefaults } from './crd-defaults.js'
import { loadSchemaValidator } from './schema/schema-validator.js'
import { CLEANUP_FINALIZER, storageVersionOf, type CustomResourceDefinition, type CustomResourceDefinitionCondition } from './crd-types.js'
import { validateCrd } from './validation/validate-crd.js'

const asCrd = (object: KubeObject) => object as CustomResourceDefinition

/** kube's SetCRDCondition: replaces the condition of the same type, keeping its transition time when the status is unchanged. */
export function setCondition(crd: CustomResourceDefinition, condition: CustomResourceDefinitionCondition, nowTimestamp: string): void {
  const conditions = crd.status?.conditions ?? []
  const existing = conditions.find((c) => c.type === condition.type)
  const next = { ...condition, lastTransitionTime: existing && existing.status === condition.status ? existing.lastTransitionTime! : nowTimestamp }
  const ordered = { type: next.type, status: next.status, lastTransitionTime: next.lastTransitionTime, reason: next.reason, message: next.message }
  crd.status = { ...crd.status, conditions: existing ? conditions.map((c) => (c === existing ? ordered : c)) : [...conditions, ordered] }
}

/** The storage version joins status.storedVersions (k8s: customresourcedefinition/strategy.go PrepareForCreate/Update). */
function recordStoredVersion(crd: CustomResourceDefinition): void {
  const storage = storageVersionOf(crd.spec)
  if (!storage) return
  const stored = crd.status?.storedVersions ?? []
  if (!stored.includes(storage)) crd.status = { ...crd.status, storedVersions: [...stored, storage] }
}

/**
 * The CustomResourceDefinition kind (k8s: apiextensions-apiserver pkg/registry/customresourcedefinition
 * strategy.go and etcd.go): defaults, kube's validation, status cleared on create, and a delete that
 * only marks it Terminating with the cleanup finalizer until its custom resources are gone
 * (crd-finalizer.ts).
 */
export function crdStrategy(nowTimestamp: () => string): Strategy {
  return {
    // Any CRD write may add x-kubernetes-validations (a patch shows them only once applied): their
    // compilation needs CEL; its defaults are validated against their schema by ajv.
    prepareWrite: () => {
      loadSchemaValidator()
      return loadValidationRules()
    },
    applyDefaults: (object) => applyCrdDefaults(asCrd(object)),
    prepareForCreate(object) {
      const crd = asCrd(object)
      crd.status = {}
      recordStoredVersion(crd)
    },
    prepareForUpdate: (_current, next) => recordStoredVersion(asCrd(next)),
    validate: (object, current) => validateCrd(asCrd(object), current && asCrd(current)),
    beginDeletion(object) {
      const crd = asCrd(object)
      crd.metadata.finalizers = [...(crd.metadata.finalizers ?? []).filter((f) => f !== CLEANUP_FINALIZER), CLEANUP_FINALIZER]
      setCondition(crd, {
        type: 'Terminating',
        status: 'True',
        reason: 'InstanceDeletionPending',
        message: 'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon',
      }, nowTimestamp())
    },
  }
}

import { forbidden } from '../../api/errors.js'
import { defaultNamespace } from '../defaults/core-defaults.js'
import type { Strategy } from '../strategy.js'

export const NAMESPACE_FINALIZER = 'kubernetes'

/** kube-apiserver refuses to delete these (k8s: plugin/pkg/admission/namespace/lifecycle/admission.go). */
export const IMMORTAL_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public'])

/**
 * A namespace's own life: born Active with its name as a label, and on delete marked Terminating
 * with the `kubernetes` finalizer until the namespace controller (namespace-finalizer.ts) has
 * emptied it (k8s: pkg/registry/core/namespace/strategy.go and storage/storage.go).
 */
export const namespaceStrategy: Strategy = {
  applyDefaults: defaultNamespace,
  prepareForCreate(ns) {
    ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name! }
    ns.spec = { finalizers: [NAMESPACE_FINALIZER] }
    ns.status = { phase: 'Active' }
  },
  checkDelete(name) {
    if (IMMORTAL_NAMESPACES.has(name)) {
      throw forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' })
    }
  },
  beginDeletion(ns) {
    ns.spec = { finalizers: [NAMESPACE_FINALIZER] }
    ns.status = { ...(ns.status as object), phase: 'Terminating' }
  },
  nameRule: 'label',
}

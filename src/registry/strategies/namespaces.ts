import type { Strategy } from '../strategy.js'

export const NAMESPACE_FINALIZER = 'kubernetes'

// New namespaces are Active and carry their name as a label (k8s: pkg/registry/core/namespace/strategy.go).
export const namespaceStrategy: Strategy = {
  prepareForCreate(ns) {
    ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name! }
    ns.spec = { finalizers: [NAMESPACE_FINALIZER] }
    ns.status = { phase: 'Active' }
  },
  nameRule: 'label',
}

import type { KubeObject } from '../../api/types.js'
import { defaultNil, ensureObject, objectAt, objectsIn } from './go-fields.js'

// networking.k8s.io/v1 (k8s: pkg/apis/networking/v1/defaults.go). Ingresses have no defaults in
// v1: pathType is required.

/**
 * SetDefaults_NetworkPolicy: a policy naming no types is an Ingress policy, and an Egress one too
 * when it has egress rules; SetDefaults_NetworkPolicyPort: ports are TCP.
 */
export function defaultNetworkPolicy(policy: KubeObject): void {
  const spec = ensureObject(policy, 'spec')
  const egress = objectsIn(spec, 'egress')
  if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
    spec.policyTypes = egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress']
  }
  for (const rule of [...objectsIn(spec, 'ingress'), ...egress]) {
    for (const port of objectsIn(rule, 'ports')) defaultNil(port, { protocol: 'TCP' })
  }
}

/** SetDefaults_IngressClass: parameters are cluster-scoped unless they say otherwise. */
export function defaultIngressClass(ingressClass: KubeObject): void {
  const parameters = objectAt(objectAt(ingressClass, 'spec'), 'parameters')
  if (parameters) defaultNil(parameters, { scope: 'Cluster' })
}

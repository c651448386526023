import type { JsonObject } from '../../api/json-object.js'
import { defaultContainer } from './container-defaults.js'
import { defaultNil, defaultZero, ensureEmbeddedMetadata, ensureObject, objectsIn } from './go-fields.js'
import { defaultVolume } from './volume-defaults.js'

// What every pod spec gets, in a pod or in any workload's template (k8s: pkg/apis/core/v1/
// defaults.go SetDefaults_PodSpec and the calls SetObjectDefaults_PodTemplate makes in
// zz_generated.defaults.go). Defaults that only a Pod gets are in pod-defaults.ts: kube keeps new
// defaults out of templates, where they would roll every workload on upgrade.

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const

/**
 * serviceAccount is the deprecated alias of serviceAccountName: kube reads it when the name is
 * missing and always writes it as the name (k8s: pkg/apis/core/v1/conversion.go
 * Convert_v1_PodSpec_To_core_PodSpec and back), so both show the same account.
 */
function aliasServiceAccount(spec: JsonObject): void {
  const name = spec.serviceAccountName || spec.serviceAccount
  if (typeof name === 'string' && name) {
    spec.serviceAccountName = name
    spec.serviceAccount = name
  } else {
    delete spec.serviceAccountName
    delete spec.serviceAccount
  }
}

/** SetDefaults_PodSpec, then its volumes' and containers' defaults. */
export function defaultPodSpec(spec: JsonObject): void {
  aliasServiceAccount(spec)
  defaultZero(spec, { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler' })
  defaultNil(spec, { securityContext: {}, terminationGracePeriodSeconds: 30 })
  objectsIn(spec, 'volumes').forEach(defaultVolume)
  for (const list of CONTAINER_LISTS) objectsIn(spec, list).forEach(defaultContainer)
}

/**
 * A PodTemplateSpec, the one every workload shares: its metadata and spec are struct fields, so
 * both are there (metadata with `creationTimestamp: null`), and the spec is defaulted.
 */
export function defaultPodTemplate(template: JsonObject): void {
  ensureEmbeddedMetadata(template)
  defaultPodSpec(ensureObject(template, 'spec'))
}

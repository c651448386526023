import type { JsonObject } from '../../api/json-object.js'
import { defaultNil, defaultZero, ensureEmbeddedMetadata, ensureObject } from './go-fields.js'

// Persistent volume claims, on their own and as templates (a stateful set's, an ephemeral
// volume's) (k8s: pkg/apis/core/v1/defaults.go SetDefaults_PersistentVolumeClaim,
// SetDefaults_PersistentVolumeClaimSpec).

/**
 * SetDefaults_PersistentVolumeClaimSpec: Filesystem. `resources` is a struct field, which Go
 * writes even when empty.
 */
export function defaultClaimSpec(spec: JsonObject): void {
  defaultNil(spec, { volumeMode: 'Filesystem', resources: {} })
}

/** A PersistentVolumeClaimTemplate (an ephemeral volume's): its metadata and spec are struct fields. */
export function defaultClaimTemplate(template: JsonObject): void {
  ensureEmbeddedMetadata(template)
  defaultClaimSpec(ensureObject(template, 'spec'))
}

/** SetDefaults_PersistentVolumeClaim: a claim is Pending until bound; then its spec's defaults. */
export function defaultPersistentVolumeClaim(claim: JsonObject): void {
  defaultZero(ensureObject(claim, 'status'), { phase: 'Pending' })
  defaultClaimSpec(ensureObject(claim, 'spec'))
}

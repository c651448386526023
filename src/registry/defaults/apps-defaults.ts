import type { JsonObject } from '../../api/json-object.js'
import type { KubeObject } from '../../api/types.js'
import { defaultPersistentVolumeClaim } from './claim-defaults.js'
import { defaultNil, defaultZero, ensureEmbeddedMetadata, ensureObject, objectAt, objectsIn } from './go-fields.js'
import { defaultPodTemplate } from './pod-spec-defaults.js'

// The apps/v1 workloads (k8s: pkg/apis/apps/v1/defaults.go and zz_generated.defaults.go, which
// also defaults each one's pod template as core/v1 does).

/** Every workload's spec, with its pod template defaulted. */
function workloadSpec(workload: KubeObject): JsonObject {
  const spec = ensureObject(workload, 'spec')
  defaultPodTemplate(ensureObject(spec, 'template'))
  return spec
}

/** SetDefaults_Deployment: one replica, rolling updates of 25% / 25%, 10 old ReplicaSets kept, a 600 s deadline. */
export function defaultDeployment(deployment: KubeObject): void {
  const spec = workloadSpec(deployment)
  defaultNil(spec, { replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 })
  const strategy = ensureObject(spec, 'strategy')
  defaultZero(strategy, { type: 'RollingUpdate' })
  if (strategy.type === 'RollingUpdate') defaultNil(ensureObject(strategy, 'rollingUpdate'), { maxUnavailable: '25%', maxSurge: '25%' })
}

/** SetDefaults_ReplicaSet */
export function defaultReplicaSet(replicaSet: KubeObject): void {
  defaultNil(workloadSpec(replicaSet), { replicas: 1 })
}

/** SetDefaults_DaemonSet: rolling updates of one node at a time, no surge. */
export function defaultDaemonSet(daemonSet: KubeObject): void {
  const spec = workloadSpec(daemonSet)
  defaultNil(spec, { revisionHistoryLimit: 10 })
  const strategy = ensureObject(spec, 'updateStrategy')
  defaultZero(strategy, { type: 'RollingUpdate' })
  if (strategy.type === 'RollingUpdate') defaultNil(ensureObject(strategy, 'rollingUpdate'), { maxUnavailable: 1, maxSurge: 0 })
}

/**
 * SetDefaults_StatefulSet. Only an update strategy that names no type gets `rollingUpdate`; one
 * of type RollingUpdate without it stays so. StatefulSetAutoDeletePVC is on in 1.32: claims are
 * retained.
 */
function defaultStatefulSetSpec(spec: JsonObject): void {
  defaultZero(spec, { podManagementPolicy: 'OrderedReady' })
  const strategy = ensureObject(spec, 'updateStrategy')
  if (!strategy.type) {
    strategy.type = 'RollingUpdate'
    ensureObject(strategy, 'rollingUpdate')
  }
  const rollingUpdate = objectAt(strategy, 'rollingUpdate')
  if (strategy.type === 'RollingUpdate' && rollingUpdate) defaultNil(rollingUpdate, { partition: 0 })
  defaultZero(ensureObject(spec, 'persistentVolumeClaimRetentionPolicy'), { whenDeleted: 'Retain', whenScaled: 'Retain' })
  defaultNil(spec, { replicas: 1, revisionHistoryLimit: 10 })
}

/**
 * A stateful set's claim templates are whole claims: each gets a claim's defaults (a Pending
 * status, Filesystem). kube's conversion to apps/v1 also stamps each with its apiVersion and kind
 * (pkg/apis/apps/v1/conversion.go Convert_apps_StatefulSetSpec_To_v1_StatefulSetSpec, issue 87583).
 */
function defaultClaimTemplates(spec: JsonObject): void {
  for (const claim of objectsIn(spec, 'volumeClaimTemplates')) {
    claim.apiVersion = 'v1'
    claim.kind = 'PersistentVolumeClaim'
    ensureEmbeddedMetadata(claim)
    defaultPersistentVolumeClaim(claim)
  }
}

export function defaultStatefulSet(statefulSet: KubeObject): void {
  const spec = workloadSpec(statefulSet)
  defaultStatefulSetSpec(spec)
  defaultClaimTemplates(spec)
}

import { isJsonObject, type JsonObject } from '../../api/json-object.js'
import type { KubeObject } from '../../api/types.js'
import { defaultNil, defaultZero, ensureObject, isEmptyMap, objectAt, objectsIn } from './go-fields.js'
import { defaultPodTemplate } from './pod-spec-defaults.js'

// The smaller core/v1 kinds (k8s: pkg/apis/core/v1/defaults.go). Pods are in pod-defaults.ts,
// services in service-defaults.ts, volumes and claims in their own modules.

/** SetDefaults_Secret */
export function defaultSecret(secret: KubeObject): void {
  defaultZero(secret, { type: 'Opaque' })
}

/** SetDefaults_Endpoints: ports are TCP. */
export function defaultEndpoints(endpoints: KubeObject): void {
  for (const subset of objectsIn(endpoints, 'subsets')) {
    for (const port of objectsIn(subset, 'ports')) defaultZero(port, { protocol: 'TCP' })
  }
}

/** SetDefaults_Namespace, SetDefaults_NamespaceStatus: a named namespace carries its name as a label; it is Active. */
export function defaultNamespace(namespace: KubeObject): void {
  const name = namespace.metadata.name
  if (name) namespace.metadata.labels = { ...namespace.metadata.labels, 'kubernetes.io/metadata.name': name }
  defaultZero(ensureObject(namespace, 'status'), { phase: 'Active' })
}

/** SetDefaults_NodeStatus: a node reporting capacity but no allocatable can allocate all of it. */
export function defaultNode(node: KubeObject): void {
  const status = objectAt(node, 'status')
  const capacity = objectAt(status, 'capacity')
  if (status && capacity && (status.allocatable ?? null) === null) status.allocatable = { ...capacity }
}

/** Adds to `target` (made when missing, and only kept when it holds something) what `from` has and it lacks. */
function mergeMissing(item: JsonObject, target: string, from: unknown): void {
  const merged = { ...(objectAt(item, target) ?? {}) }
  for (const [name, quantity] of Object.entries(isJsonObject(from) ? from : {})) if (!(name in merged)) merged[name] = quantity
  if (!isEmptyMap(merged)) item[target] = merged
}

/**
 * SetDefaults_LimitRangeItem: for containers, the default limit is the max, and the default
 * request the default limit, else the min. Empty maps are omitted, as Go writes them.
 */
export function defaultLimitRange(limitRange: KubeObject): void {
  for (const item of objectsIn(objectAt(limitRange, 'spec'), 'limits')) {
    if (item.type !== 'Container') continue
    mergeMissing(item, 'default', item.max)
    mergeMissing(item, 'defaultRequest', item.default)
    mergeMissing(item, 'defaultRequest', item.min)
  }
}

/**
 * SetDefaults_ReplicationController: the selector and the controller's labels come from the
 * template's labels when missing; one replica; the template's pod defaults.
 */
export function defaultReplicationController(rc: KubeObject): void {
  const spec = ensureObject(rc, 'spec')
  const template = objectAt(spec, 'template')
  const labels = objectAt(objectAt(template, 'metadata'), 'labels')
  if (labels) {
    if (isEmptyMap(spec.selector)) spec.selector = { ...labels }
    if (isEmptyMap(rc.metadata.labels)) rc.metadata.labels = { ...labels } as Record<string, string>
  }
  defaultNil(spec, { replicas: 1 })
  if (template) defaultPodTemplate(template)
}

/** A PodTemplate's template is a struct field: always there, and defaulted as every pod template is. */
export function defaultPodTemplateObject(podTemplate: KubeObject): void {
  defaultPodTemplate(ensureObject(podTemplate, 'template'))
}

import type { JsonObject } from '../../api/json-object.js'
import type { KubeObject } from '../../api/types.js'
import { defaultNil, defaultZero, ensureObject, isEmptyMap, objectAt, objectsIn } from './go-fields.js'
import { defaultPodSpec } from './pod-spec-defaults.js'

// A Pod's own defaults (k8s: pkg/apis/core/v1/defaults.go SetDefaults_Pod). 1.32's feature gates:
// PodLevelResources is alpha (off), so pod-level resources get no defaults; DefaultHostNetwork-
// HostPortsInPodTemplates is off, so host ports are defaulted in pods only, never in templates.

/** A container naming limits but not requests requests what it limits (pods only, not templates). */
function defaultRequestsToLimits(container: JsonObject): void {
  const resources = objectAt(container, 'resources')
  const limits = objectAt(resources, 'limits')
  if (!resources || !limits || isEmptyMap(limits)) return
  const requests = ensureObject(resources, 'requests')
  for (const [name, quantity] of Object.entries(limits)) if (!(name in requests)) requests[name] = quantity
}

/** defaultHostNetworkPorts: with the host's network, a container port is also the host port. */
function defaultHostPorts(container: JsonObject): void {
  for (const port of objectsIn(container, 'ports')) {
    if (typeof port.containerPort === 'number') defaultZero(port, { hostPort: port.containerPort })
  }
}

/** SetDefaults_Pod, then SetDefaults_PodSpec and the rest of the spec's defaults. */
export function defaultPod(pod: KubeObject): void {
  const spec = ensureObject(pod, 'spec')
  const containers = [...objectsIn(spec, 'containers'), ...objectsIn(spec, 'initContainers')]
  containers.forEach(defaultRequestsToLimits)
  defaultNil(spec, { enableServiceLinks: true })
  if (spec.hostNetwork === true) containers.forEach(defaultHostPorts)
  defaultPodSpec(spec)
}

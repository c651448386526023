import type { JsonObject } from '../../api/json-object.js'
import { defaultNil, defaultZero, objectAt, objectsIn } from './go-fields.js'
import { defaultPullPolicy } from './image-pull-policy.js'

// A container's defaults, the same for containers, init containers and ephemeral containers
// (k8s: pkg/apis/core/v1/zz_generated.defaults.go SetObjectDefaults_Pod, which calls these for each).

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const
const LIFECYCLE_HANDLERS = ['postStart', 'preStop'] as const

/** SetDefaults_HTTPGetAction, for a probe's or a lifecycle hook's httpGet. */
function defaultHttpGet(handler: JsonObject | undefined): void {
  const httpGet = objectAt(handler, 'httpGet')
  if (httpGet) defaultZero(httpGet, { path: '/', scheme: 'HTTP' })
}

/** SetDefaults_Probe, its handler, and GRPCAction.service (`+default=""`, written as `service: ""`). */
function defaultProbe(probe: JsonObject): void {
  defaultZero(probe, { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 })
  defaultHttpGet(probe)
  const grpc = objectAt(probe, 'grpc')
  if (grpc) defaultNil(grpc, { service: '' })
}

/** SetDefaults_ObjectFieldSelector: a fieldRef names the v1 fields unless it says otherwise. */
export function defaultFieldRef(holder: JsonObject | undefined): void {
  const fieldRef = objectAt(holder, 'fieldRef')
  if (fieldRef) defaultZero(fieldRef, { apiVersion: 'v1' })
}

/**
 * SetDefaults_Container (SetDefaults_EphemeralContainer too), ContainerPort.protocol's
 * `+default="TCP"`, env fieldRefs, probes and lifecycle hooks. `resources` is a struct field, which
 * Go's encoding/json writes even when empty: kube always shows `resources: {}`.
 */
export function defaultContainer(container: JsonObject): void {
  defaultZero(container, {
    imagePullPolicy: defaultPullPolicy(container.image),
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  })
  defaultNil(container, { resources: {} })
  for (const port of objectsIn(container, 'ports')) defaultZero(port, { protocol: 'TCP' })
  for (const env of objectsIn(container, 'env')) defaultFieldRef(objectAt(env, 'valueFrom'))
  for (const field of PROBES) {
    const probe = objectAt(container, field)
    if (probe) defaultProbe(probe)
  }
  const lifecycle = objectAt(container, 'lifecycle')
  for (const field of LIFECYCLE_HANDLERS) defaultHttpGet(objectAt(lifecycle, field))
}

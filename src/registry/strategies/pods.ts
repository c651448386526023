import type { KubeObject, StatusCause } from '../../api/types.js'
import { admitPod } from '../admission/pod-admission.js'
import { defaultPod } from '../defaults/pod-defaults.js'
import type { Strategy } from '../strategy.js'
import { podQosClass } from './pod-qos.js'

interface Container {
  name?: unknown
  image?: unknown
}

function validateContainers(containers: unknown, field: string): StatusCause[] {
  if (!Array.isArray(containers) || containers.length === 0) {
    return field.endsWith('.containers') ? [{ reason: 'FieldValueRequired', field, message: 'Required value' }] : []
  }
  return (containers as Container[]).flatMap((c, i) => [
    ...(c.name ? [] : [{ reason: 'FieldValueRequired', field: `${field}[${i}].name`, message: 'Required value' }]),
    ...(c.image ? [] : [{ reason: 'FieldValueRequired', field: `${field}[${i}].image`, message: 'Required value' }]),
  ])
}

/** The pod spec checks kube users meet first (k8s: pkg/apis/core/validation ValidatePodSpec, abridged). */
export function validatePodSpec(spec: unknown, prefix: string): StatusCause[] {
  const s = (spec ?? {}) as Record<string, unknown>
  return [...validateContainers(s.containers, `${prefix}.containers`), ...validateContainers(s.initContainers, `${prefix}.initContainers`)]
}

// There is no kubelet: pods are born Pending and die at once (kubectl delete waits for them).
export const podStrategy: Strategy = {
  applyDefaults: defaultPod,
  admit: admitPod,
  prepareForCreate(pod: KubeObject) {
    pod.status = { phase: 'Pending', qosClass: podQosClass(pod) }
  },
  validate: (pod) => validatePodSpec(pod.spec, 'spec'),
  returnsDeletedObject: true,
}

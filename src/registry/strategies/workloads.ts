import type { KubeObject, StatusCause } from '../../api/types.js'
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from '../defaults/apps-defaults.js'
import type { Strategy } from '../strategy.js'
import { initialStatus } from './initial-status.js'
import { validatePodSpec } from './pods.js'

interface LabelSelector {
  matchLabels?: Record<string, string>
}

function selectorCauses(object: KubeObject): StatusCause[] {
  const spec = (object.spec ?? {}) as { selector?: LabelSelector; template?: { metadata?: { labels?: Record<string, string> } } }
  if (!spec.selector) return [{ reason: 'FieldValueRequired', field: 'spec.selector', message: 'Required value' }]
  const labels = spec.template?.metadata?.labels ?? {}
  const wanted = spec.selector.matchLabels ?? {}
  const matches = Object.entries(wanted).every(([k, v]) => labels[k] === v)
  if (matches) return []
  return [{
    reason: 'FieldValueInvalid',
    field: 'spec.template.metadata.labels',
    message: `Invalid value: ${JSON.stringify(labels)}: \`selector\` does not match template \`labels\``,
  }]
}

export const validateTemplateSpec = (object: KubeObject): StatusCause[] =>
  validatePodSpec((object.spec as { template?: { spec?: unknown } })?.template?.spec, 'spec.template.spec')

/**
 * Deployments, replica sets, stateful sets, daemon sets: a selector over a pod template, kube's
 * defaults, and on create a zero status as Go writes it: the int32 counters without omitempty
 * stay, as 0 (k8s: k8s.io/api apps/v1 types.go, pkg/registry/apps/<kind>/strategy.go PrepareForCreate).
 */
function workloadStrategy(applyDefaults: (workload: KubeObject) => void, status: Record<string, number>): Strategy {
  return {
    applyDefaults,
    ...initialStatus(status),
    validate: (object) => [...selectorCauses(object), ...validateTemplateSpec(object)],
  }
}

export const deploymentStrategy = workloadStrategy(defaultDeployment, {})
export const replicaSetStrategy = workloadStrategy(defaultReplicaSet, { replicas: 0 })
export const statefulSetStrategy = workloadStrategy(defaultStatefulSet, { replicas: 0, availableReplicas: 0 })
export const daemonSetStrategy = workloadStrategy(defaultDaemonSet, {
  currentNumberScheduled: 0,
  numberMisscheduled: 0,
  desiredNumberScheduled: 0,
  numberReady: 0,
})
